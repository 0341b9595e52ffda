using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Goals.Data;
using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Transactions;
using Goals.GraphQL;
using Npgsql;

namespace Goals.Api.Data;

/// <summary>Opens the per-request <see cref="GoalsStore"/>; one per process, holding what every request shares.</summary>
public sealed class GoalsStoreFactory(GoalsDataSource dataSource, TransactionRunner runner, GoalRepository goals, TaskRepository tasks,
    NoteRepository notes, IdempotencyStore idempotency, GoalTreeQueries trees, StudentLimitsOptions limits)
{
    /// <summary>A store with a new session of its own; the caller owns it and disposes it once nothing uses it any more.</summary>
    public GoalsStore Open() => new(dataSource.OpenSession(), runner, goals, tasks, notes, idempotency, trees, limits);
}

/// <summary>Goals with the children the query asked for, read in one round trip; a child list is null when not asked for.</summary>
public sealed record GoalTree(IReadOnlyList<GoalRow> Goals, IReadOnlyDictionary<Guid, IReadOnlyList<GoalTaskRow>>? Tasks,
    IReadOnlyDictionary<Guid, IReadOnlyList<GoalNoteRow>>? Notes);

/// <summary>
/// The app's view of the data layer for one request: the request's <see cref="DbSession"/> (one connection at most;
/// queued statements go out as ONE batch on flush), the data branch's repositories (every statement filtered by
/// student) and the <see cref="TransactionRunner"/> (CockroachDB savepoint retry / PostgreSQL restart on 40001).
/// Disposing it ends the session (see <see cref="DbSession.DisposeAsync"/>).
/// </summary>
public sealed class GoalsStore(DbSession session, TransactionRunner runner, GoalRepository goals, TaskRepository tasks,
    NoteRepository notes, IdempotencyStore idempotency, GoalTreeQueries trees, StudentLimitsOptions limits) : IAsyncDisposable
{
    public DbSession Session => session;

    public ValueTask DisposeAsync() => session.DisposeAsync();

    // ---------- reads ----------

    public Task<GoalRow?> FindGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) => goals.GetAsync(session, studentId, goalId, ct);

    /// <summary>All the student's goals, or the one goal, with the asked-for columns and children: ONE round trip.</summary>
    public async Task<GoalTree> LoadGoalTreeAsync(Guid studentId, Guid? goalId, GoalColumns columns, bool withTasks, bool withNotes,
        CancellationToken ct)
    {
        var goalRows = goalId is { } id ? trees.EnqueueGoal(session, studentId, id, columns) : trees.EnqueueAllGoals(session, studentId, columns);
        var taskRows = withTasks ? trees.EnqueueTasks(session, studentId, goalId) : null;
        var noteRows = withNotes ? trees.EnqueueNotes(session, studentId, goalId) : null;
        await session.FlushAsync(ct);
        return new GoalTree(await goalRows,
            taskRows is null ? null : Group(await taskRows, t => t.GoalId),
            noteRows is null ? null : Group(await noteRows, n => n.GoalId));
    }

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

    /// <exception cref="GraphQLException">LIMIT_EXCEEDED: the student has <see cref="StudentLimitsOptions.MaxGoalsPerStudent"/> goals.</exception>
    public Task<GoalRow> InsertGoalAsync(Guid studentId, string goalType, string title, string information, DateTimeOffset? dueAt,
        string? color, CancellationToken ct) =>
        WithinLimit(goals.CreateAsync(session, studentId, new NewGoal(goalType, title, information, dueAt?.UtcDateTime, color),
            limits.MaxGoalsPerStudent, ct));

    public Task<GoalRow?> UpdateGoalAsync(Guid studentId, Guid goalId, GoalUpdate update, CancellationToken ct) =>
        goals.UpdateAsync(session, studentId, goalId, update, ct);

    public Task<bool> DeleteGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) => goals.DeleteAsync(session, studentId, goalId, ct);

    /// <summary>Appends a task (complete or not); null when the goal is not the student's.</summary>
    /// <exception cref="GraphQLException">LIMIT_EXCEEDED: the goal has <see cref="StudentLimitsOptions.MaxTasksPerGoal"/> tasks.</exception>
    public async Task<GoalTaskRow?> InsertTaskAsync(Guid studentId, Guid goalId, string information, bool complete, CancellationToken ct)
    {
        var task = await WithinLimit(tasks.AddAsync(session, studentId, goalId, information, limits.MaxTasksPerGoal, ct));
        return task is not null && complete ? await tasks.SetCompleteAsync(session, studentId, task.Id, true, ct) : task;
    }

    public Task<GoalTaskRow?> UpdateTaskAsync(Guid studentId, Guid taskId, string? information, bool? complete, CancellationToken ct) =>
        tasks.UpdateAsync(session, studentId, taskId, information, complete, ct);

    public Task<bool> DeleteTaskAsync(Guid studentId, Guid taskId, CancellationToken ct) => tasks.DeleteAsync(session, studentId, taskId, ct);

    /// <summary>Sets the complete order; false when the ids are not exactly the goal's tasks.</summary>
    public Task<TaskOrderResult> SetTaskOrderAsync(Guid studentId, Guid goalId, IReadOnlyList<Guid> taskIds, CancellationToken ct) =>
        tasks.SetOrderAsync(session, studentId, goalId, taskIds, ct);

    /// <exception cref="GraphQLException">LIMIT_EXCEEDED: the goal has <see cref="StudentLimitsOptions.MaxNotesPerGoal"/> notes.</exception>
    public Task<GoalNoteRow?> InsertNoteAsync(Guid studentId, Guid goalId, string information, CancellationToken ct) =>
        WithinLimit(notes.AddAsync(session, studentId, goalId, information, limits.MaxNotesPerGoal, ct));

    public Task<GoalNoteRow?> UpdateNoteAsync(Guid studentId, Guid noteId, string information, CancellationToken ct) =>
        notes.UpdateAsync(session, studentId, noteId, information, ct);

    public Task<bool> DeleteNoteAsync(Guid studentId, Guid noteId, CancellationToken ct) => notes.DeleteAsync(session, studentId, noteId, ct);

    /// <summary>The id an earlier request with this key created; null for a new key.</summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was used with a different input.</exception>
    public Task<Guid?> FindIdempotencyKeyAsync(Guid studentId, string key, string fingerprint, CancellationToken ct) =>
        idempotency.TryGetAsync(session, studentId, key, fingerprint, ct);

    public Task RecordIdempotencyKeyAsync(Guid studentId, string key, string fingerprint, Guid resultId, CancellationToken ct) =>
        idempotency.RecordAsync(session, studentId, key, fingerprint, resultId, ct);

    /// <summary>The data layer's refusal as the client sees it: LIMIT_EXCEEDED naming the limit and its value.</summary>
    private static async Task<T> WithinLimit<T>(Task<T> create)
    {
        try
        {
            return await create;
        }
        catch (LimitExceededException e)
        {
            var what = e.Limit switch
            {
                StudentLimit.GoalsPerStudent => $"a student can have at most {e.Maximum} goals",
                StudentLimit.TasksPerGoal => $"a goal can have at most {e.Maximum} tasks",
                _ => $"a goal can have at most {e.Maximum} notes",
            };
            throw new GraphQLException($"Limit reached: {what}. Delete some to make room.", ErrorCodes.LimitExceeded,
                new Dictionary<string, object?> { ["limit"] = StudentLimitsOptions.KeyOf(e.Limit), ["maximum"] = e.Maximum }, e);
        }
    }

    private static Dictionary<Guid, IReadOnlyList<T>> Group<T>(IReadOnlyList<T> rows, Func<T, Guid> key)
    {
        var result = new Dictionary<Guid, IReadOnlyList<T>>();
        foreach (var group in rows.GroupBy(key)) result[group.Key] = group.ToList();
        return result;
    }
}
