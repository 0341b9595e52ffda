using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Transactions;
using Npgsql;

namespace Goals.Api.Data;

/// <summary>
/// The app's view of the data layer for one request: the request's <see cref="DbSession"/> (one connection at most;
/// queued statements go out as ONE batch on flush), the data branch's repositories (every statement filtered by
/// student) and the <see cref="TransactionRunner"/> (CockroachDB savepoint retry / PostgreSQL restart on 40001).
/// </summary>
public sealed class GoalsStore(DbSession session, TransactionRunner runner, GoalRepository goals, TaskRepository tasks,
    NoteRepository notes, IdempotencyStore idempotency)
{
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

    /// <summary>A keyset page with a cursor per edge and the filter's total count (one round trip).</summary>
    public async Task<GoalConnectionPage> PageGoalsAsync(Guid studentId, GoalListQuery query, CancellationToken ct)
    {
        var page = await goals.ListAsync(session, studentId, query, ct);
        var edges = page.Items.Select(g => (g, GoalRepository.CursorOf(query.Sort, g))).ToList();
        return new GoalConnectionPage(edges, page.HasNextPage, page.TotalCount);
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
    public Task<TaskOrderResult> SetTaskOrderAsync(Guid studentId, Guid goalId, IReadOnlyList<Guid> taskIds, CancellationToken ct) =>
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
