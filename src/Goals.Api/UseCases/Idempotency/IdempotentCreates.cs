using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Transactions;
using Goals.GraphQL;
using Npgsql;

namespace Goals.Api.UseCases.Idempotency;

/// <summary>A client's idempotency key for one create, with the fingerprint of the create's input.</summary>
public readonly record struct IdempotencyKey(string Value, string Fingerprint);

/// <summary>
/// The one place a create is made idempotent. In ONE transaction (the <see cref="TransactionRunner"/>'s, retried on
/// 40001/40P01) on the request's session: the key is looked up; a recorded key replays its result, a new key runs the
/// create and records the key with the created id, so the key and the row commit together or not at all. The same key
/// with a different input is CONFLICT. Two concurrent first uses of one key: the loser's insert of the key fails with a
/// unique violation, and running the transaction once more replays the winner's result.
/// </summary>
public sealed class IdempotentCreates(TransactionRunner runner, IdempotencyStore keys)
{
    /// <summary>Where the key is in every create's input, as <c>extensions.field</c> of the CONFLICT.</summary>
    public const string KeyField = "input.idempotencyKey";

    /// <param name="replay">Reads the result recorded for the key (by the id it created); its payload says replayed.</param>
    /// <param name="create">Creates; <paramref name="idOf"/> gives the id to record for the key.</param>
    public async Task<T> RunAsync<T>(DbSession session, Guid studentId, IdempotencyKey? key,
        Func<Guid, CancellationToken, Task<T>> replay, Func<CancellationToken, Task<T>> create, Func<T, Guid> idOf, CancellationToken ct)
    {
        try
        {
            return await runner.RunAsync(session, Attempt, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "idempotency_keys_pk")
        {
            return await runner.RunAsync(session, Attempt, ct);
        }

        async Task<T> Attempt(DbSession s, CancellationToken c)
        {
            if (key is not { } k) return await create(c);
            if (await RecordedIdAsync(s, studentId, k, c) is { } previous) return await replay(previous, c);
            var created = await create(c);
            await keys.RecordAsync(s, studentId, k.Value, k.Fingerprint, idOf(created), c);
            return created;
        }
    }

    /// <summary>The id an earlier request with this key created; null for a new key.</summary>
    private async Task<Guid?> RecordedIdAsync(DbSession session, Guid studentId, IdempotencyKey key, CancellationToken ct)
    {
        try
        {
            return await keys.TryGetAsync(session, studentId, key.Value, key.Fingerprint, ct);
        }
        catch (IdempotencyKeyReusedException)
        {
            throw new GraphQLException("This idempotency key was already used for a different request.", ErrorCodes.Conflict,
                new Dictionary<string, object?> { ["field"] = KeyField });
        }
    }
}
