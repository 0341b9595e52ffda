using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Api.Data;

/// <summary>
/// Every statement the API runs, each filtered by the owning student. Reads of tasks and notes are only ever queued
/// (<see cref="EnqueueTasksByGoalIds"/>) so that the DataLoaders of one executor round share one round trip.
/// </summary>
public sealed class GoalsStore(RequestDb db)
{
    private const string GoalColumns = "id, student_id, goal_type, title, information, complete, due_at, color, created_at, updated_at";
    private const string TaskColumns = "id, goal_id, information, complete, position, created_at, updated_at";
    private const string NoteColumns = "id, goal_id, information, created_at, updated_at";

    public RequestDb Db => db;

    // ---------- reads ----------

    public Task<List<GoalRow>> ListGoalsAsync(Guid studentId, CancellationToken ct) =>
        db.QueryAsync($"SELECT {GoalColumns} FROM goals WHERE student_id = @s ORDER BY created_at DESC, id DESC", ReadGoal, ct,
            P("s", studentId));

    public async Task<GoalRow?> FindGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {GoalColumns} FROM goals WHERE student_id = @s AND id = @id", ReadGoal, ct,
            P("s", studentId), P("id", goalId))).FirstOrDefault();

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<TaskRow>>> EnqueueTasksByGoalIds(Guid studentId, IReadOnlyList<Guid> goalIds)
    {
        var rows = await db.Enqueue(
            $"SELECT {TaskColumns} FROM goal_tasks WHERE student_id = @s AND goal_id = ANY(@ids) ORDER BY goal_id, position, id",
            ReadTask, P("s", studentId), P("ids", goalIds.ToArray()));
        return Group(rows, r => r.GoalId);
    }

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<NoteRow>>> EnqueueNotesByGoalIds(Guid studentId, IReadOnlyList<Guid> goalIds)
    {
        var rows = await db.Enqueue(
            $"SELECT {NoteColumns} FROM goal_notes WHERE student_id = @s AND goal_id = ANY(@ids) ORDER BY goal_id, created_at, id",
            ReadNote, P("s", studentId), P("ids", goalIds.ToArray()));
        return Group(rows, r => r.GoalId);
    }

    /// <summary>Keyset page + total count, sent together in one round trip.</summary>
    public async Task<GoalPage> PageGoalsAsync(Guid studentId, GoalPageQuery query, CancellationToken ct)
    {
        var filter = new StringBuilder("student_id = @s");
        var parameters = new List<NpgsqlParameter> { P("s", studentId) };
        if (query.GoalType is not null)
        {
            filter.Append(" AND goal_type = @t");
            parameters.Add(P("t", query.GoalType));
        }

        if (query.Complete is not null)
        {
            filter.Append(" AND complete = @c");
            parameters.Add(P("c", query.Complete.Value));
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
                parameters.Add(P("ca", at));
                parameters.Add(P("ci", id));
            }
        }
        else
        {
            orderBy = "due_at ASC NULLS LAST, id ASC";
            if (query.After is not null)
            {
                var (due, id) = Cursor.DecodeDue(query.After);
                if (due is null)
                {
                    page.Append(" AND due_at IS NULL AND id > @ci");
                }
                else
                {
                    page.Append(" AND (due_at > @cd OR (due_at = @cd AND id > @ci) OR due_at IS NULL)");
                    parameters.Add(P("cd", due.Value));
                }

                parameters.Add(P("ci", id));
            }
        }

        parameters.Add(P("n", query.First + 1));
        var rowsTask = db.Enqueue($"SELECT {GoalColumns} FROM goals WHERE {page} ORDER BY {orderBy} LIMIT @n", ReadGoal, [.. parameters]);
        var countTask = db.Enqueue($"SELECT count(*) FROM goals WHERE {filter}", r => Convert.ToInt32(r.GetInt64(0)), countParameters);
        await db.FlushAsync(ct);
        var rows = await rowsTask;
        var total = (await countTask)[0];
        var hasNext = rows.Count > query.First;
        var edges = rows.Take(query.First)
            .Select(g => (g, query.Order == GoalOrder.CreatedAt ? Cursor.EncodeCreated(g.CreatedAt, g.Id) : Cursor.EncodeDue(g.DueAt, g.Id)))
            .ToList();
        return new GoalPage(edges, hasNext, total);
    }

    // ---------- writes (call inside RequestDb.InTransactionAsync) ----------

    public async Task<GoalRow> InsertGoalAsync(Guid studentId, string goalType, string title, string information,
        DateTimeOffset? dueAt, string? color, CancellationToken ct) =>
        (await db.QueryAsync(
            $"""
             INSERT INTO goals (student_id, goal_type, title, information, due_at, color)
             VALUES (@s, @t, @title, @info, @due, @color) RETURNING {GoalColumns}
             """, ReadGoal, ct, P("s", studentId), P("t", goalType), P("title", title), P("info", information),
            PTime("due", dueAt), PText("color", color)))[0];

    /// <summary>Updates the given columns (name → value); null when the goal is not the student's.</summary>
    public async Task<GoalRow?> UpdateGoalAsync(Guid studentId, Guid goalId, IReadOnlyList<(string Column, object? Value)> changes,
        CancellationToken ct)
    {
        var sets = new StringBuilder("updated_at = now()");
        var parameters = new List<NpgsqlParameter> { P("s", studentId), P("id", goalId) };
        var i = 0;
        foreach (var (column, value) in changes)
        {
            var name = "v" + i++.ToString(CultureInfo.InvariantCulture);
            sets.Append(", ").Append(column).Append(" = @").Append(name);
            parameters.Add(value switch
            {
                DateTimeOffset d => PTime(name, d),
                null when column == "due_at" => PTime(name, null),
                null => PText(name, null),
                _ => new NpgsqlParameter(name, value),
            });
        }

        return (await db.QueryAsync($"UPDATE goals SET {sets} WHERE student_id = @s AND id = @id RETURNING {GoalColumns}",
            ReadGoal, ct, [.. parameters])).FirstOrDefault();
    }

    public async Task<bool> DeleteGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) =>
        (await db.QueryAsync("DELETE FROM goals WHERE student_id = @s AND id = @id RETURNING id", r => r.GetGuid(0), ct,
            P("s", studentId), P("id", goalId))).Count == 1;

    /// <summary>Appends a task after the goal's last one; null when the goal is not the student's.</summary>
    public async Task<TaskRow?> InsertTaskAsync(Guid studentId, Guid goalId, string information, bool complete, CancellationToken ct) =>
        (await db.QueryAsync(
            $"""
             INSERT INTO goal_tasks (student_id, goal_id, information, complete, position)
             SELECT g.student_id, g.id, @info, @c,
                    COALESCE((SELECT max(t.position) + 1 FROM goal_tasks t WHERE t.student_id = @s AND t.goal_id = @g), 0)
             FROM goals g WHERE g.student_id = @s AND g.id = @g
             RETURNING {TaskColumns}
             """, ReadTask, ct, P("s", studentId), P("g", goalId), P("info", information), P("c", complete))).FirstOrDefault();

    public async Task<TaskRow?> UpdateTaskAsync(Guid studentId, Guid taskId, string? information, bool? complete, CancellationToken ct) =>
        (await db.QueryAsync(
            $"""
             UPDATE goal_tasks SET information = COALESCE(@info, information), complete = COALESCE(@c, complete), updated_at = now()
             WHERE student_id = @s AND id = @id RETURNING {TaskColumns}
             """, ReadTask, ct, P("s", studentId), P("id", taskId), PText("info", information),
            new NpgsqlParameter("c", NpgsqlDbType.Boolean) { Value = (object?)complete ?? DBNull.Value })).FirstOrDefault();

    public async Task<bool> DeleteTaskAsync(Guid studentId, Guid taskId, CancellationToken ct) =>
        (await db.QueryAsync("DELETE FROM goal_tasks WHERE student_id = @s AND id = @id RETURNING id", r => r.GetGuid(0), ct,
            P("s", studentId), P("id", taskId))).Count == 1;

    public Task<List<Guid>> TaskIdsOfGoalAsync(Guid studentId, Guid goalId, CancellationToken ct) =>
        db.QueryAsync("SELECT id FROM goal_tasks WHERE student_id = @s AND goal_id = @g ORDER BY position, id", r => r.GetGuid(0), ct,
            P("s", studentId), P("g", goalId));

    /// <summary>Rewrites positions 0..n-1 in the given order (the caller checked the ids are exactly the goal's tasks).</summary>
    public Task<List<Guid>> SetTaskOrderAsync(Guid studentId, Guid goalId, IReadOnlyList<Guid> taskIds, CancellationToken ct) =>
        db.QueryAsync(
            """
            UPDATE goal_tasks AS t SET position = (v.ord - 1)::INT4, updated_at = now()
            FROM unnest(@ids::UUID[]) WITH ORDINALITY AS v(id, ord)
            WHERE t.student_id = @s AND t.goal_id = @g AND t.id = v.id
            RETURNING t.id
            """, r => r.GetGuid(0), ct, P("s", studentId), P("g", goalId), P("ids", taskIds.ToArray()));

    public async Task<NoteRow?> InsertNoteAsync(Guid studentId, Guid goalId, string information, CancellationToken ct) =>
        (await db.QueryAsync(
            $"""
             INSERT INTO goal_notes (student_id, goal_id, information)
             SELECT g.student_id, g.id, @info FROM goals g WHERE g.student_id = @s AND g.id = @g
             RETURNING {NoteColumns}
             """, ReadNote, ct, P("s", studentId), P("g", goalId), P("info", information))).FirstOrDefault();

    public async Task<NoteRow?> UpdateNoteAsync(Guid studentId, Guid noteId, string information, CancellationToken ct) =>
        (await db.QueryAsync(
            $"UPDATE goal_notes SET information = @info, updated_at = now() WHERE student_id = @s AND id = @id RETURNING {NoteColumns}",
            ReadNote, ct, P("s", studentId), P("id", noteId), P("info", information))).FirstOrDefault();

    public async Task<bool> DeleteNoteAsync(Guid studentId, Guid noteId, CancellationToken ct) =>
        (await db.QueryAsync("DELETE FROM goal_notes WHERE student_id = @s AND id = @id RETURNING id", r => r.GetGuid(0), ct,
            P("s", studentId), P("id", noteId))).Count == 1;

    public async Task<TaskRow?> FindTaskAsync(Guid studentId, Guid taskId, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {TaskColumns} FROM goal_tasks WHERE student_id = @s AND id = @id", ReadTask, ct,
            P("s", studentId), P("id", taskId))).FirstOrDefault();

    public async Task<NoteRow?> FindNoteAsync(Guid studentId, Guid noteId, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {NoteColumns} FROM goal_notes WHERE student_id = @s AND id = @id", ReadNote, ct,
            P("s", studentId), P("id", noteId))).FirstOrDefault();

    /// <summary>The recorded (operation, result id) of an idempotency key, if any.</summary>
    public async Task<(string Operation, Guid ResultId)?> FindIdempotencyKeyAsync(Guid studentId, string key, CancellationToken ct)
    {
        var rows = await db.QueryAsync("SELECT operation, result_id FROM idempotency_keys WHERE student_id = @s AND key = @k",
            r => (r.GetString(0), r.GetGuid(1)), ct, P("s", studentId), P("k", key));
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<List<int>> RecordIdempotencyKeyAsync(Guid studentId, string key, string operation, Guid resultId, CancellationToken ct) =>
        db.QueryAsync("INSERT INTO idempotency_keys (student_id, key, operation, result_id) VALUES (@s, @k, @o, @r) RETURNING 1",
            r => r.GetInt32(0), ct, P("s", studentId), P("k", key), P("o", operation), P("r", resultId));

    // ---------- mapping ----------

    private static GoalRow ReadGoal(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7),
        r.GetFieldValue<DateTimeOffset>(8), r.GetFieldValue<DateTimeOffset>(9));

    private static TaskRow ReadTask(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetBoolean(3), r.GetInt32(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetFieldValue<DateTimeOffset>(6));

    private static NoteRow ReadNote(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4));

    private static Dictionary<Guid, IReadOnlyList<T>> Group<T>(List<T> rows, Func<T, Guid> key)
    {
        var result = new Dictionary<Guid, IReadOnlyList<T>>();
        foreach (var group in rows.GroupBy(key)) result[group.Key] = group.ToList();
        return result;
    }

    private static NpgsqlParameter P(string name, object value) => new(name, value);

    private static NpgsqlParameter PText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter PTime(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is null ? DBNull.Value : value.Value.ToUniversalTime() };
}

/// <summary>Opaque keyset cursors: base64 of "c|ticks|id" (created order) or "d|ticks-or-empty|id" (due order).</summary>
public static class Cursor
{
    public static string EncodeCreated(DateTimeOffset createdAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"c|{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{id:N}"));

    public static string EncodeDue(DateTimeOffset? dueAt, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"d|{dueAt?.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{id:N}"));

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
