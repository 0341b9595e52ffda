using Goals.Data.Sessions;
using Npgsql;

namespace Goals.Data.Repositories;

/// <summary>
/// Remembers which row a create mutation produced for a client's idempotency key. Use both calls in
/// the same TransactionRunner transaction as the create: TryGet → (create + Record) or return the
/// recorded id. Two concurrent requests with one key conflict on the primary key (23505, or 40001
/// on CockroachDB); the loser's retry then finds the recorded result.
/// </summary>
public sealed class IdempotencyStore
{
    /// <summary>The id recorded for this key, or null.</summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used for a different operation.</exception>
    public async Task<Guid?> TryGetAsync(DbSession session, Guid studentId, string key, string operation, CancellationToken ct = default)
    {
        var recorded = await session.QuerySingleOrDefaultAsync<RecordedKey>(
            "SELECT operation, result_id AS resultid FROM idempotency_keys WHERE student_id = @StudentId AND key = @Key",
            new { StudentId = studentId, Key = key }, ct);
        if (recorded is null)
        {
            return null;
        }
        return recorded.Operation == operation ? recorded.ResultId : throw new IdempotencyKeyReusedException(key, recorded.Operation, operation);
    }

    public async Task RecordAsync(DbSession session, Guid studentId, string key, string operation, Guid resultId, CancellationToken ct = default)
    {
        if (!session.InTransaction)
        {
            throw new InvalidOperationException("Record an idempotency key inside the transaction of the create it belongs to.");
        }
        await session.ExecuteAsync(
            "INSERT INTO idempotency_keys (student_id, key, operation, result_id) VALUES (@StudentId, @Key, @Operation, @ResultId)",
            new { StudentId = studentId, Key = key, Operation = operation, ResultId = resultId }, ct);
    }

    private sealed record RecordedKey : IRow<RecordedKey>
    {
        public static IReadOnlyList<string> Columns { get; } = ["operation", "resultid"];

        public static RecordedKey Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) =>
            new() { Operation = reader.Get(at[0], ""), ResultId = reader.Get<Guid>(at[1]) };

        public string Operation { get; init; } = "";
        public Guid ResultId { get; init; }
    }
}

public sealed class IdempotencyKeyReusedException(string key, string recordedOperation, string requestedOperation)
    : Exception($"Idempotency key '{key}' was already used for {recordedOperation}; it cannot be reused for {requestedOperation}.")
{
    public string Key { get; } = key;
}
