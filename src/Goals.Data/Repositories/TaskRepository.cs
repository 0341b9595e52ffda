using Goals.Data.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Data.Repositories;

/// <summary>
/// Tasks of a student's goals, ordered by (position, id). Positions are integers: a new task goes
/// after the current maximum, a reorder rewrites the goal's positions to 0..n-1 in one statement,
/// a delete leaves a gap (order unaffected). Every write also bumps the parent goal's updated_at in
/// the same statement, so "goal changed" includes its tasks.
/// </summary>
public sealed class TaskRepository
{
    internal const string Columns =
        "student_id AS studentid, id, goal_id AS goalid, information, complete, position, created_at AS createdat, updated_at AS updatedat";

    // Appended to a statement whose CTE "changed" returns goalid: bumps the parent goal.
    private const string BumpParentGoal =
        "bumped AS (UPDATE goals SET updated_at = now() WHERE student_id = @StudentId AND id IN (SELECT goalid FROM changed))";

    /// <summary>
    /// Adds a task at the end of the goal unless it has <paramref name="maxTasks"/> already (a condition of the INSERT, so
    /// concurrent adds cannot overshoot under SERIALIZABLE); null when the goal is not found (or is another student's).
    /// </summary>
    /// <exception cref="LimitExceededException">The goal has <paramref name="maxTasks"/> tasks already.</exception>
    public async Task<GoalTaskRow?> AddAsync(DbSession session, Guid studentId, Guid goalId, string information, int maxTasks,
        CancellationToken ct = default) =>
        await session.QuerySingleOrDefaultAsync<GoalTaskRow>($"""
            WITH changed AS (
                INSERT INTO goal_tasks (student_id, goal_id, information, position)
                SELECT g.student_id, g.id, @Information,
                       COALESCE((SELECT max(position) + 1 FROM goal_tasks WHERE student_id = @StudentId AND goal_id = @GoalId), 0)
                FROM goals g
                WHERE g.student_id = @StudentId AND g.id = @GoalId
                  AND (SELECT count(*) FROM goal_tasks WHERE student_id = @StudentId AND goal_id = @GoalId) < @MaxTasks
                RETURNING {Columns}
            ), {BumpParentGoal}
            SELECT * FROM changed
            """, new { StudentId = studentId, GoalId = goalId, Information = information, MaxTasks = (long)maxTasks }, ct)
        ?? await ChildInsert.NotFoundOrLimitExceededAsync<GoalTaskRow>(session, studentId, goalId, StudentLimit.TasksPerGoal, maxTasks, ct);

    public Task<GoalTaskRow?> GetAsync(DbSession session, Guid studentId, Guid taskId, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<GoalTaskRow>(
            $"SELECT {Columns} FROM goal_tasks WHERE student_id = @StudentId AND id = @TaskId", new { StudentId = studentId, TaskId = taskId }, ct);

    public Task<IReadOnlyList<GoalTaskRow>> ListAsync(DbSession session, Guid studentId, Guid goalId, CancellationToken ct = default) =>
        session.QueryAsync<GoalTaskRow>(
            $"SELECT {Columns} FROM goal_tasks WHERE student_id = @StudentId AND goal_id = @GoalId ORDER BY position, id",
            new { StudentId = studentId, GoalId = goalId }, ct);

    /// <summary>Queues "tasks of these goals" for a DataLoader (ordered by goal, then position); sent with the session's next batch.</summary>
    public Task<IReadOnlyList<GoalTaskRow>> EnqueueByGoalIds(DbSession session, Guid studentId, IReadOnlyList<Guid> goalIds) =>
        session.Enqueue<GoalTaskRow>(
            $"SELECT {Columns} FROM goal_tasks WHERE student_id = @student_id AND goal_id = ANY(@ids) ORDER BY goal_id, position, id",
            new NpgsqlParameter<Guid>("student_id", studentId),
            new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = goalIds.ToArray() });

    /// <summary>Changes the information and/or completion (null = unchanged); null when not found.</summary>
    public Task<GoalTaskRow?> UpdateAsync(DbSession session, Guid studentId, Guid taskId, string? information, bool? complete, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<GoalTaskRow>($"""
            WITH changed AS (
                UPDATE goal_tasks
                SET information = COALESCE(@Information, information), complete = COALESCE(@Complete, complete), updated_at = now()
                WHERE student_id = @StudentId AND id = @TaskId
                RETURNING {Columns}
            ), {BumpParentGoal}
            SELECT * FROM changed
            """, new { StudentId = studentId, TaskId = taskId, Information = information, Complete = complete }, ct);

    public Task<GoalTaskRow?> SetCompleteAsync(DbSession session, Guid studentId, Guid taskId, bool complete, CancellationToken ct = default) =>
        UpdateAsync(session, studentId, taskId, information: null, complete, ct);

    public async Task<bool> DeleteAsync(DbSession session, Guid studentId, Guid taskId, CancellationToken ct = default) =>
        await session.QueryValueAsync<long>($"""
            WITH changed AS (
                DELETE FROM goal_tasks WHERE student_id = @StudentId AND id = @TaskId RETURNING goal_id AS goalid
            ), {BumpParentGoal}
            SELECT count(*) FROM changed
            """, new { StudentId = studentId, TaskId = taskId }, ct) > 0;

    /// <summary>
    /// Moves a task to a zero-based index within its goal (clamped to the list), shifting the others;
    /// renumbers the goal's positions 0..n-1 in one atomic statement. False when the task is not found.
    /// </summary>
    public async Task<bool> MoveAsync(DbSession session, Guid studentId, Guid taskId, int toIndex, CancellationToken ct = default) =>
        await session.QueryValueAsync<long>($"""
            WITH ordered AS (
                SELECT id, goal_id, (row_number() OVER (ORDER BY position, id)) - 1 AS idx
                FROM goal_tasks
                WHERE student_id = @StudentId
                  AND goal_id = (SELECT goal_id FROM goal_tasks WHERE student_id = @StudentId AND id = @TaskId)
            ), moving AS (
                SELECT idx AS old_idx, LEAST(GREATEST(@ToIndex, 0), (SELECT count(*) - 1 FROM ordered)) AS new_idx
                FROM ordered WHERE id = @TaskId
            ), changed AS (
                UPDATE goal_tasks t
                SET position = (CASE
                        WHEN o.id = @TaskId THEN m.new_idx
                        WHEN o.idx > m.old_idx AND o.idx <= m.new_idx THEN o.idx - 1
                        WHEN o.idx < m.old_idx AND o.idx >= m.new_idx THEN o.idx + 1
                        ELSE o.idx END)::INT4,
                    updated_at = now()
                FROM ordered o, moving m
                WHERE t.student_id = @StudentId AND t.id = o.id
                RETURNING t.goal_id AS goalid
            ), {BumpParentGoal}
            SELECT count(*) FROM changed
            """, new { StudentId = studentId, TaskId = taskId, ToIndex = toIndex }, ct) > 0;

    /// <summary>
    /// Sets the complete order of a goal's tasks in one statement. All or nothing: nothing changes unless
    /// <paramref name="orderedTaskIds"/> lists exactly the goal's current tasks, each once; the result then holds the
    /// goal's current task ids so the caller can say what differs (tasks added or deleted since the client read them).
    /// </summary>
    public async Task<TaskOrderResult> SetOrderAsync(DbSession session, Guid studentId, Guid goalId, IReadOnlyList<Guid> orderedTaskIds, CancellationToken ct = default)
    {
        var ids = orderedTaskIds.ToArray();
        // "current" and "matches" read the statement's snapshot; the update runs only when the list matches it exactly
        // (a duplicate in the list leaves fewer distinct matches than @Count, so it never matches).
        var row = await session.QuerySingleOrDefaultAsync<OrderRow>($"""
            WITH current AS (
                SELECT id FROM goal_tasks WHERE student_id = @StudentId AND goal_id = @GoalId
            ), matches AS (
                SELECT (SELECT count(*) FROM current) = @Count
                   AND (SELECT count(*) FROM current WHERE id = ANY(@Ids)) = @Count AS ok
            ), changed AS (
                UPDATE goal_tasks t
                SET position = (o.ord - 1)::INT4, updated_at = now()
                FROM unnest(@Ids) WITH ORDINALITY AS o(id, ord), matches m
                WHERE m.ok AND t.student_id = @StudentId AND t.goal_id = @GoalId AND t.id = o.id
                RETURNING t.goal_id AS goalid
            ), {BumpParentGoal}
            SELECT (SELECT ok FROM matches) AS matched, ARRAY(SELECT id FROM current) AS currenttaskids
            """, new { StudentId = studentId, GoalId = goalId, Ids = ids, Count = (long)ids.Length }, ct);
        return new TaskOrderResult(row?.Matched == true, row?.CurrentTaskIds ?? []);
    }

    private sealed class OrderRow : IRow<OrderRow>
    {
        public static IReadOnlyList<string> Columns { get; } = ["matched", "currenttaskids"];

        public static OrderRow Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) =>
            new() { Matched = reader.Get<bool>(at[0]), CurrentTaskIds = reader.Get(at[1], Array.Empty<Guid>()) };

        public bool Matched { get; init; }
        public Guid[] CurrentTaskIds { get; init; } = [];
    }
}

/// <summary>What <see cref="TaskRepository.SetOrderAsync"/> did: reordered, or not because the list did not match
/// <see cref="CurrentTaskIds"/> (the goal's tasks when the statement ran, in no particular order).</summary>
public sealed record TaskOrderResult(bool Reordered, IReadOnlyList<Guid> CurrentTaskIds);
