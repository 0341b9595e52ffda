using System.Globalization;
using System.Text;
using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Transactions;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Api.Data;

/// <summary>
/// The app's view of the data layer for one request: the request's <see cref="DbSession"/> (one connection at most;
/// queued statements go out as ONE batch on flush), the data branch's repositories (every statement filtered by
/// student) and the <see cref="TransactionRunner"/> (CockroachDB savepoint retry / PostgreSQL restart on 40001).
/// Only goalsConnection has app-side SQL: Relay needs a cursor per edge plus a total count, which the repository's
/// page (end cursor only, cursor type internal) does not give.
/// </summary>
public sealed class GoalsStore(DbSession session, TransactionRunner runner, GoalRepository goals, TaskRepository tasks,
    NoteRepository notes, IdempotencyStore idempotency)
{
    private const string GoalColumns =
        "student_id AS studentid, id, goal_type AS goaltype, title, information, complete, due_at AS dueat, color, created_at AS createdat, updated_at AS updatedat";

    public DbSession Session => session;

    // ---------- reads ----------

    public Task<IReadOnlyList<GoalRow>> ListGoalsAsync(Guid studentId, CancellationToken ct) =>
        goals.ListAllNewestFirstAsync(session, studentId, ct);

    public Task<GoalRow?> FindGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) => goals.GetAsync(session, studentId, goalId, ct);

    /// <summary>Queues the tasks of these goals (DataLoader batch); completes when the session flushes.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<GoalTaskRow>>> EnqueueTasksByGoalIds(Guid studentId, IReadOnlyList<Guid> goalIds) =>
        Group(await tasks.EnqueueByGoalIds(session, studentId, goalIds), t => t.GoalId);

    /// <summary>Queues the notes of these goals (DataLoader batch); completes when the session flushes.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<GoalNoteRow>>> EnqueueNotesByGoalIds(Guid studentId, IReadOnlyList<Guid> goalIds) =>
        Group(await notes.EnqueueByGoalIds(session, studentId, goalIds), n => n.GoalId);

    public Task<GoalTaskRow?> FindTaskAsync(Guid studentId, Guid taskId, CancellationToken ct) => tasks.GetAsync(session, studentId, taskId, ct);

    public Task<GoalNoteRow?> FindNoteAsync(Guid studentId, Guid noteId, CancellationToken ct) => notes.GetAsync(session, studentId, noteId, ct);

    /// <summary>Keyset page + total count, queued together and sent in one round trip.</summary>
    public async Task<GoalConnectionPage> PageGoalsAsync(Guid studentId, GoalPageQuery query, CancellationToken ct)
    {
        var filter = new StringBuilder("student_id = @s");
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<Guid>("s", studentId) };
        if (query.GoalType is not null)
        {
            filter.Append(" AND goal_type = @t");
            parameters.Add(new NpgsqlParameter<string>("t", query.GoalType));
        }

        if (query.Complete is not null)
        {
            filter.Append(" AND complete = @c");
            parameters.Add(new NpgsqlParameter<bool>("c", query.Complete.Value));
        }

        var countParameters = parameters.Select(p => p.Clone()).ToArray();
        var page = new StringBuilder(filter.ToString());
        string orderBy;
        if (query.Order == GoalOrder.CreatedAt)
        {
            orderBy = "created_at DESC, id DESC";
            if (query.After is not null)
            {
                var (at, id) = Cursor.DecodeCreated(query.After);
                page.Append(" AND (created_at, id) < (@ca, @ci)");
                parameters.Add(new NpgsqlParameter("ca", NpgsqlDbType.TimestampTz) { Value = at.UtcDateTime });
                parameters.Add(new NpgsqlParameter<Guid>("ci", id));
            }
        }
        else
        {
            // "due_at IS NULL" first puts undated goals last on both engines (CockroachDB sorts NULLs first).
            orderBy = "due_at IS NULL, due_at, id";
            if (query.After is not null)
            {
                var (due, id) = Cursor.DecodeDue(query.After);
                if (due is null)
                {
                    page.Append(" AND due_at IS NULL AND id > @ci");
                }
                else
                {
                    page.Append(" AND (due_at IS NULL OR (due_at, id) > (@cd, @ci))");
                    parameters.Add(new NpgsqlParameter("cd", NpgsqlDbType.TimestampTz) { Value = due.Value.UtcDateTime });
                }

                parameters.Add(new NpgsqlParameter<Guid>("ci", id));
            }
        }

        parameters.Add(new NpgsqlParameter<int>("n", query.First + 1));
        var rowsTask = session.Enqueue<GoalRow>($"SELECT {GoalColumns} FROM goals WHERE {page} ORDER BY {orderBy} LIMIT @n", [.. parameters]);
        var countTask = session.Enqueue<long>($"SELECT count(*) FROM goals WHERE {filter}", countParameters);
        await session.FlushAsync(ct);
        var rows = await rowsTask;
        var total = (int)(await countTask)[0];
        var edges = rows.Take(query.First)
            .Select(g => (g, query.Order == GoalOrder.CreatedAt ? Cursor.EncodeCreated(g.CreatedAt, g.Id) : Cursor.EncodeDue(g.DueAt, g.Id)))
            .ToList();
        return new GoalConnectionPage(edges, rows.Count > query.First, total);
    }

    // ---------- writes ----------

    /// <summary>
    /// Runs the work in one transaction on the request's session (retried by the TransactionRunner on 40001/40P01).
    /// Two concurrent first uses of one idempotency key: the loser's insert of the key fails with a unique violation;
    /// running it once more replays the winner's result.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await runner.RunAsync(session, (_, c) => work(c), ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "idempotency_keys_pk")
        {
            return await runner.RunAsync(session, (_, c) => work(c), ct);
        }
    }

    public Task<GoalRow> InsertGoalAsync(Guid studentId, string goalType, string title, string information, DateTimeOffset? dueAt,
        string? color, CancellationToken ct) =>
        goals.CreateAsync(session, studentId, new NewGoal(goalType, title, information, dueAt?.UtcDateTime, color), ct);

    public Task<GoalRow?> UpdateGoalAsync(Guid studentId, Guid goalId, GoalUpdate update, CancellationToken ct) =>
        goals.UpdateAsync(session, studentId, goalId, update, ct);

    public Task<bool> DeleteGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) => goals.DeleteAsync(session, studentId, goalId, ct);

    /// <summary>Appends a task (complete or not); null when the goal is not the student's.</summary>
    public async Task<GoalTaskRow?> InsertTaskAsync(Guid studentId, Guid goalId, string information, bool complete, CancellationToken ct)
    {
        var task = await tasks.AddAsync(session, studentId, goalId, information, ct);
        return task is not null && complete ? await tasks.SetCompleteAsync(session, studentId, task.Id, true, ct) : task;
    }

    public Task<GoalTaskRow?> UpdateTaskAsync(Guid studentId, Guid taskId, string? information, bool? complete, CancellationToken ct) =>
        tasks.UpdateAsync(session, studentId, taskId, information, complete, ct);

    public Task<bool> DeleteTaskAsync(Guid studentId, Guid taskId, CancellationToken ct) => tasks.DeleteAsync(session, studentId, taskId, ct);

    /// <summary>Sets the complete order; false when the ids are not exactly the goal's tasks.</summary>
    public Task<bool> SetTaskOrderAsync(Guid studentId, Guid goalId, IReadOnlyList<Guid> taskIds, CancellationToken ct) =>
        tasks.SetOrderAsync(session, studentId, goalId, taskIds, ct);

    public Task<GoalNoteRow?> InsertNoteAsync(Guid studentId, Guid goalId, string information, CancellationToken ct) =>
        notes.AddAsync(session, studentId, goalId, information, ct);

    public Task<GoalNoteRow?> UpdateNoteAsync(Guid studentId, Guid noteId, string information, CancellationToken ct) =>
        notes.UpdateAsync(session, studentId, noteId, information, ct);

    public Task<bool> DeleteNoteAsync(Guid studentId, Guid noteId, CancellationToken ct) => notes.DeleteAsync(session, studentId, noteId, ct);

    /// <summary>The id an earlier request with this key created; null for a new key.</summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used with a different input.</exception>
    public Task<Guid?> FindIdempotencyKeyAsync(Guid studentId, string key, string fingerprint, CancellationToken ct) =>
        idempotency.TryGetAsync(session, studentId, key, fingerprint, ct);

    public Task RecordIdempotencyKeyAsync(Guid studentId, string key, string fingerprint, Guid resultId, CancellationToken ct) =>
        idempotency.RecordAsync(session, studentId, key, fingerprint, resultId, ct);

    private static Dictionary<Guid, IReadOnlyList<T>> Group<T>(IReadOnlyList<T> rows, Func<T, Guid> key)
    {
        var result = new Dictionary<Guid, IReadOnlyList<T>>();
        foreach (var group in rows.GroupBy(key)) result[group.Key] = group.ToList();
        return result;
    }
}

/// <summary>Opaque keyset cursors: base64 of "c|ticks|id" (created order) or "d|ticks-or-empty|id" (due order).</summary>
public static class Cursor
{
    public static string EncodeCreated(DateTime createdAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"c|{createdAt.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}|{id:N}"));

    public static string EncodeDue(DateTime? dueAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"d|{dueAt?.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)}|{id:N}"));

    public static (DateTimeOffset, Guid) DecodeCreated(string cursor)
    {
        var (kind, ticks, id) = Split(cursor);
        if (kind != "c" || ticks is null) throw new InvalidCursorException("The cursor does not belong to this ordering.");
        return (ticks.Value, id);
    }

    public static (DateTimeOffset?, Guid) DecodeDue(string cursor)
    {
        var (kind, ticks, id) = Split(cursor);
        if (kind != "d") throw new InvalidCursorException("The cursor does not belong to this ordering.");
        return (ticks, id);
    }

    private static (string, DateTimeOffset?, Guid) Split(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split('|');
            if (parts.Length != 3 || !Guid.TryParseExact(parts[2], "N", out var id)) throw new FormatException();
            DateTimeOffset? at = parts[1].Length == 0
                ? null
                : new DateTimeOffset(long.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);
            return (parts[0], at, id);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new InvalidCursorException("The cursor is not valid.");
        }
    }
}
