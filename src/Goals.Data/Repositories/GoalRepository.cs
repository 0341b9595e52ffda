using System.Text;
using Dapper;
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

    public async Task<GoalRow> CreateAsync(DbSession session, Guid studentId, NewGoal goal, CancellationToken ct = default) =>
        (await session.QuerySingleOrDefaultAsync<GoalRow>($"""
            INSERT INTO goals (student_id, goal_type, title, information, due_at, color)
            VALUES (@StudentId, @GoalType, @Title, @Information, @DueAt, @Color)
            RETURNING {Columns}
            """,
            new { StudentId = studentId, goal.GoalType, goal.Title, goal.Information, DueAt = Timestamps.ToUtc(goal.DueAt), goal.Color }, ct))!;

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

    /// <summary>One page of the student's goals, filtered and sorted, continuing after <see cref="GoalListQuery.After"/>.</summary>
    /// <exception cref="ArgumentException">Invalid cursor or goal type.</exception>
    public async Task<GoalPage> ListAsync(DbSession session, Guid studentId, GoalListQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.First, 1, MaxPageSize);
        var sql = new StringBuilder($"SELECT {Columns} FROM goals WHERE student_id = @StudentId");
        var parameters = new DynamicParameters(new { StudentId = studentId, Limit = pageSize + 1 });
        if (query.GoalType is not null)
        {
            if (!GoalTypes.IsValid(query.GoalType))
            {
                throw new ArgumentException($"Unknown goal type '{query.GoalType}'.", nameof(query));
            }
            sql.Append(" AND goal_type = @GoalType");
            parameters.Add("GoalType", query.GoalType);
        }
        if (query.Complete is { } complete)
        {
            sql.Append(" AND complete = @Complete");
            parameters.Add("Complete", complete);
        }
        if (query.After is not null)
        {
            var cursor = GoalCursor.Decode(query.After, query.Sort);
            parameters.Add("CursorId", cursor.Id);
            if (cursor.Value is { } value)
            {
                parameters.Add("CursorValue", value);
            }
            sql.Append((query.Sort, cursor.Value) switch
            {
                (GoalSort.CreatedAtDescending, _) => " AND (created_at, id) < (@CursorValue, @CursorId)",
                (GoalSort.DueAtAscending, not null) => " AND (due_at IS NULL OR (due_at, id) > (@CursorValue, @CursorId))",
                _ => " AND due_at IS NULL AND id > @CursorId",
            });
        }
        // "due_at IS NULL" as the first sort key puts undated goals last on both engines
        // (CockroachDB sorts NULLs first by default, PostgreSQL last).
        sql.Append(query.Sort == GoalSort.CreatedAtDescending
            ? " ORDER BY created_at DESC, id DESC LIMIT @Limit"
            : " ORDER BY due_at IS NULL, due_at, id LIMIT @Limit");

        var rows = await session.QueryAsync<GoalRow>(sql.ToString(), parameters, ct);
        var hasNext = rows.Count > pageSize;
        var items = hasNext ? rows.Take(pageSize).ToList() : rows;
        return new GoalPage(items, items.Count == 0 ? null : GoalCursor.From(query.Sort, items[^1]).Encode(), hasNext);
    }

    /// <summary>Changes the fields that are set; returns the updated goal, or null when not found.</summary>
    public Task<GoalRow?> UpdateAsync(DbSession session, Guid studentId, Guid goalId, GoalUpdate update, CancellationToken ct = default)
    {
        var set = new StringBuilder("updated_at = now()");
        var parameters = new DynamicParameters(new { StudentId = studentId, GoalId = goalId });
        void Set<T>(string column, string name, Optional<T> field)
        {
            if (field.HasValue)
            {
                set.Append($", {column} = @{name}");
                parameters.Add(name, field.Value is DateTime time ? Timestamps.ToUtc(time) : field.Value);
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
