using System.Text;
using Goals.Data.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Data.Repositories;

/// <summary>Goals of one student. Every statement filters by student_id: another student's goal is "not found".</summary>
public sealed class GoalRepository
{
    internal const string Columns =
        "student_id AS studentid, id, goal_type AS goaltype, title, information, complete, due_at AS dueat, color, created_at AS createdat, updated_at AS updatedat";

    public const int MaxPageSize = 100;

    /// <summary>
    /// Creates a goal unless the student already has <paramref name="maxGoals"/>: the count is a condition of the INSERT
    /// itself, so inside a SERIALIZABLE transaction concurrent creates cannot overshoot (one of them conflicts and retries).
    /// </summary>
    /// <exception cref="LimitExceededException">The student has <paramref name="maxGoals"/> goals already.</exception>
    public async Task<GoalRow> CreateAsync(DbSession session, Guid studentId, NewGoal goal, int maxGoals, CancellationToken ct = default) =>
        await session.QuerySingleOrDefaultAsync<GoalRow>($"""
            INSERT INTO goals (student_id, goal_type, title, information, due_at, color)
            SELECT @StudentId, @GoalType, @Title, @Information, @DueAt, @Color
            WHERE (SELECT count(*) FROM goals WHERE student_id = @StudentId) < @MaxGoals
            RETURNING {Columns}
            """,
            new { StudentId = studentId, goal.GoalType, goal.Title, goal.Information, DueAt = Timestamps.ToUtc(goal.DueAt), goal.Color, MaxGoals = (long)maxGoals }, ct)
        ?? throw new LimitExceededException(StudentLimit.GoalsPerStudent, maxGoals);

    public Task<GoalRow?> GetAsync(DbSession session, Guid studentId, Guid goalId, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<GoalRow>(
            $"SELECT {Columns} FROM goals WHERE student_id = @StudentId AND id = @GoalId",
            new { StudentId = studentId, GoalId = goalId }, ct);

    /// <summary>Queues "goals by id" for a DataLoader; sent with the session's next batch. Unknown or foreign ids are absent.</summary>
    public Task<IReadOnlyList<GoalRow>> EnqueueByIds(DbSession session, Guid studentId, IReadOnlyList<Guid> goalIds) =>
        session.Enqueue<GoalRow>(
            $"SELECT {Columns} FROM goals WHERE student_id = @student_id AND id = ANY(@ids)",
            new NpgsqlParameter<Guid>("student_id", studentId),
            new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = goalIds.ToArray() });

    /// <summary>All of the student's goals, newest first: the dashboard list, which must never silently drop goals.</summary>
    public Task<IReadOnlyList<GoalRow>> ListAllNewestFirstAsync(DbSession session, Guid studentId, CancellationToken ct = default) =>
        session.QueryAsync<GoalRow>(
            $"SELECT {Columns} FROM goals WHERE student_id = @StudentId ORDER BY created_at DESC, id DESC",
            new { StudentId = studentId }, ct);

    /// <summary>
    /// One page of the student's goals, filtered and sorted, continuing after <see cref="GoalListQuery.After"/>, with the
    /// filter's total count: both statements go out together in one round trip.
    /// </summary>
    /// <exception cref="InvalidCursorException">Malformed cursor, or one made for another sort order.</exception>
    /// <exception cref="ArgumentException">Unknown goal type.</exception>
    public async Task<GoalPage> ListAsync(DbSession session, Guid studentId, GoalListQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.First, 1, MaxPageSize);
        var filter = new StringBuilder("student_id = @student_id");
        var filterParameters = new List<NpgsqlParameter> { new NpgsqlParameter<Guid>("student_id", studentId) };
        if (query.GoalType is not null)
        {
            if (!GoalTypes.IsValid(query.GoalType))
            {
                throw new ArgumentException($"Unknown goal type '{query.GoalType}'.", nameof(query));
            }
            filter.Append(" AND goal_type = @goal_type");
            filterParameters.Add(new NpgsqlParameter<string>("goal_type", query.GoalType));
        }
        if (query.Complete is { } complete)
        {
            filter.Append(" AND complete = @complete");
            filterParameters.Add(new NpgsqlParameter<bool>("complete", complete));
        }

        var page = new StringBuilder(filter.ToString());
        var pageParameters = filterParameters.Select(p => p.Clone()).ToList();
        if (query.After is not null)
        {
            var cursor = GoalCursor.Decode(query.After, query.Sort);
            pageParameters.Add(new NpgsqlParameter<Guid>("cursor_id", cursor.Id));
            if (cursor.Value is { } value)
            {
                pageParameters.Add(new NpgsqlParameter<DateTime>("cursor_value", value) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            }
            page.Append((query.Sort, cursor.Value) switch
            {
                (GoalSort.CreatedAtDescending, _) => " AND (created_at, id) < (@cursor_value, @cursor_id)",
                (GoalSort.DueAtAscending, not null) => " AND (due_at IS NULL OR (due_at, id) > (@cursor_value, @cursor_id))",
                _ => " AND due_at IS NULL AND id > @cursor_id",
            });
        }
        pageParameters.Add(new NpgsqlParameter<int>("limit", pageSize + 1));

        // "due_at IS NULL" as the first sort key puts undated goals last on both engines
        // (CockroachDB sorts NULLs first by default, PostgreSQL last).
        var orderBy = query.Sort == GoalSort.CreatedAtDescending ? "created_at DESC, id DESC" : "due_at IS NULL, due_at, id";
        var rowsTask = session.Enqueue<GoalRow>($"SELECT {Columns} FROM goals WHERE {page} ORDER BY {orderBy} LIMIT @limit", [.. pageParameters]);
        var countTask = session.EnqueueValues<long>($"SELECT count(*) FROM goals WHERE {filter}", [.. filterParameters]);
        await session.FlushAsync(ct);

        var rows = await rowsTask;
        var hasNext = rows.Count > pageSize;
        var items = hasNext ? rows.Take(pageSize).ToList() : rows;
        return new GoalPage(items, items.Count == 0 ? null : CursorOf(query.Sort, items[^1]), hasNext, (int)(await countTask)[0]);
    }

    /// <summary>The opaque cursor that continues a listing in this sort order after this row (Relay gives one per edge).</summary>
    public static string CursorOf(GoalSort sort, GoalRow row) => GoalCursor.From(sort, row).Encode();

    /// <summary>Changes the fields that are set; returns the updated goal, or null when not found.</summary>
    public Task<GoalRow?> UpdateAsync(DbSession session, Guid studentId, Guid goalId, GoalUpdate update, CancellationToken ct = default)
    {
        var set = new StringBuilder("updated_at = now()");
        List<NpgsqlParameter> parameters = [new("StudentId", studentId), new("GoalId", goalId)];
        void Set<T>(string column, string name, Optional<T> field)
        {
            if (field.HasValue)
            {
                set.Append($", {column} = @{name}");
                parameters.Add(SqlArguments.Parameter(name, field.Value is DateTime time ? Timestamps.ToUtc(time) : field.Value, typeof(T)));
            }
        }
        Set("goal_type", "GoalType", update.GoalType);
        Set("title", "Title", update.Title);
        Set("information", "Information", update.Information);
        Set("complete", "Complete", update.Complete);
        Set("due_at", "DueAt", update.DueAt);
        Set("color", "Color", update.Color);
        return session.QuerySingleOrDefaultAsync<GoalRow>(
            $"UPDATE goals SET {set} WHERE student_id = @StudentId AND id = @GoalId RETURNING {Columns}", parameters, ct);
    }

    public Task<GoalRow?> SetCompleteAsync(DbSession session, Guid studentId, Guid goalId, bool complete, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<GoalRow>(
            $"UPDATE goals SET complete = @Complete, updated_at = now() WHERE student_id = @StudentId AND id = @GoalId RETURNING {Columns}",
            new { StudentId = studentId, GoalId = goalId, Complete = complete }, ct);

    /// <summary>Deletes the goal with its tasks and notes (ON DELETE CASCADE); false when not found.</summary>
    public async Task<bool> DeleteAsync(DbSession session, Guid studentId, Guid goalId, CancellationToken ct = default) =>
        await session.ExecuteAsync("DELETE FROM goals WHERE student_id = @StudentId AND id = @GoalId", new { StudentId = studentId, GoalId = goalId }, ct) > 0;
}
