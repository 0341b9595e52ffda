using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Npgsql;

namespace Goals.Data.Jobs;

/// <summary>
/// Set-based statements of the export, import and erase jobs over one student's goals, tasks and notes: keyset pages
/// to read (memory stays flat), array inserts that skip rows already present (ids are derived from the import's row
/// keys, so a rerun inserts nothing twice), and small deletes that suit CockroachDB. Every statement filters by student.
/// </summary>
public sealed class StudentDataRepository
{
    /// <summary>A page of goals, newest first (as the API lists them), after the previous page's last (createdAt, id).</summary>
    public Task<IReadOnlyList<GoalRow>> PageGoalsAsync(DbSession session, Guid studentId, (DateTime CreatedAt, Guid Id)? after, int limit,
        CancellationToken ct = default) =>
        session.QueryAsync<GoalRow>($"""
            SELECT {GoalRepository.Columns} FROM goals
            WHERE student_id = @StudentId AND (@HasAfter = false OR (created_at, id) < (@AfterCreatedAt, @AfterId))
            ORDER BY created_at DESC, id DESC LIMIT @Limit
            """, new
        {
            StudentId = studentId, HasAfter = after.HasValue, AfterCreatedAt = after?.CreatedAt ?? DateTime.UnixEpoch,
            AfterId = after?.Id ?? Guid.Empty, Limit = limit,
        }, ct);

    public Task<IReadOnlyList<GoalTaskRow>> TasksOfAsync(DbSession session, Guid studentId, Guid[] goalIds, CancellationToken ct = default) =>
        session.QueryAsync<GoalTaskRow>("""
            SELECT student_id AS studentid, id, goal_id AS goalid, information, complete, position, created_at AS createdat, updated_at AS updatedat
            FROM goal_tasks WHERE student_id = @StudentId AND goal_id = ANY(@GoalIds) ORDER BY goal_id, position, id
            """, new { StudentId = studentId, GoalIds = goalIds }, ct);

    public Task<IReadOnlyList<GoalNoteRow>> NotesOfAsync(DbSession session, Guid studentId, Guid[] goalIds, CancellationToken ct = default) =>
        session.QueryAsync<GoalNoteRow>("""
            SELECT student_id AS studentid, id, goal_id AS goalid, information, created_at AS createdat, updated_at AS updatedat
            FROM goal_notes WHERE student_id = @StudentId AND goal_id = ANY(@GoalIds) ORDER BY goal_id, created_at, id
            """, new { StudentId = studentId, GoalIds = goalIds }, ct);

    public async Task<long> CountAsync(DbSession session, Guid studentId, CancellationToken ct = default) =>
        (await session.QueryValueAsync<long>("""
            SELECT (SELECT count(*) FROM goals WHERE student_id = @StudentId)
                 + (SELECT count(*) FROM goal_tasks WHERE student_id = @StudentId)
                 + (SELECT count(*) FROM goal_notes WHERE student_id = @StudentId)
            """, new { StudentId = studentId }, ct));

    /// <summary>Inserts the goals that are not there yet; returns how many were new.</summary>
    public Task<int> InsertGoalsAsync(DbSession session, Guid studentId, IReadOnlyList<GoalRow> goals, CancellationToken ct = default) =>
        goals.Count == 0 ? Task.FromResult(0) : session.ExecuteAsync("""
            INSERT INTO goals (student_id, id, goal_type, title, information, complete, due_at, color, created_at, updated_at)
            SELECT @StudentId, g.* FROM unnest(@Ids::uuid[], @Types::text[], @Titles::text[], @Informations::text[], @Completes::bool[],
                @DueAts::timestamptz[], @Colors::text[], @CreatedAts::timestamptz[], @UpdatedAts::timestamptz[])
              AS g (id, goal_type, title, information, complete, due_at, color, created_at, updated_at)
            ON CONFLICT (student_id, id) DO NOTHING
            """, new
        {
            StudentId = studentId,
            Ids = goals.Select(g => g.Id).ToArray(),
            Types = goals.Select(g => g.GoalType).ToArray(),
            Titles = goals.Select(g => g.Title).ToArray(),
            Informations = goals.Select(g => g.Information).ToArray(),
            Completes = goals.Select(g => g.Complete).ToArray(),
            DueAts = goals.Select(g => g.DueAt).ToArray(),
            Colors = goals.Select(g => g.Color).ToArray(),
            CreatedAts = goals.Select(g => g.CreatedAt).ToArray(),
            UpdatedAts = goals.Select(g => g.UpdatedAt).ToArray(),
        }, ct);

    public Task<int> InsertTasksAsync(DbSession session, Guid studentId, IReadOnlyList<GoalTaskRow> tasks, CancellationToken ct = default) =>
        tasks.Count == 0 ? Task.FromResult(0) : session.ExecuteAsync("""
            INSERT INTO goal_tasks (student_id, id, goal_id, information, complete, position, created_at, updated_at)
            SELECT @StudentId, t.* FROM unnest(@Ids::uuid[], @GoalIds::uuid[], @Informations::text[], @Completes::bool[], @Positions::int4[],
                @CreatedAts::timestamptz[], @UpdatedAts::timestamptz[])
              AS t (id, goal_id, information, complete, position, created_at, updated_at)
            ON CONFLICT (student_id, id) DO NOTHING
            """, new
        {
            StudentId = studentId,
            Ids = tasks.Select(t => t.Id).ToArray(),
            GoalIds = tasks.Select(t => t.GoalId).ToArray(),
            Informations = tasks.Select(t => t.Information).ToArray(),
            Completes = tasks.Select(t => t.Complete).ToArray(),
            Positions = tasks.Select(t => t.Position).ToArray(),
            CreatedAts = tasks.Select(t => t.CreatedAt).ToArray(),
            UpdatedAts = tasks.Select(t => t.UpdatedAt).ToArray(),
        }, ct);

    public Task<int> InsertNotesAsync(DbSession session, Guid studentId, IReadOnlyList<GoalNoteRow> notes, CancellationToken ct = default) =>
        notes.Count == 0 ? Task.FromResult(0) : session.ExecuteAsync("""
            INSERT INTO goal_notes (student_id, id, goal_id, information, created_at, updated_at)
            SELECT @StudentId, n.* FROM unnest(@Ids::uuid[], @GoalIds::uuid[], @Informations::text[], @CreatedAts::timestamptz[], @UpdatedAts::timestamptz[])
              AS n (id, goal_id, information, created_at, updated_at)
            ON CONFLICT (student_id, id) DO NOTHING
            """, new
        {
            StudentId = studentId,
            Ids = notes.Select(n => n.Id).ToArray(),
            GoalIds = notes.Select(n => n.GoalId).ToArray(),
            Informations = notes.Select(n => n.Information).ToArray(),
            CreatedAts = notes.Select(n => n.CreatedAt).ToArray(),
            UpdatedAts = notes.Select(n => n.UpdatedAt).ToArray(),
        }, ct);

    /// <summary>
    /// What an import chunk must know before it inserts, in one round trip: the student's goal count (when
    /// <paramref name="countGoals"/>), which of the given goal, task and note ids are present already (empty arrays: not
    /// asked), which of the parent goals exist, and how many tasks and notes those parents have. Each id is one index probe (LATERAL ... LIMIT 1): with a join the
    /// planner, whose statistics lag behind a growing import, would scan all of the student's rows for every chunk.
    /// </summary>
    public async Task<ImportState> ImportStateAsync(DbSession session, Guid studentId, bool countGoals, Guid[] goalIds, Guid[] taskIds, Guid[] noteIds,
        Guid[] parentIds, CancellationToken ct = default)
    {
        var rows = await session.QueryAsync<ImportStateRow>(StateSql, new
        {
            StudentId = studentId, CountGoals = countGoals, GoalIds = goalIds, TaskIds = taskIds, NoteIds = noteIds, ParentIds = parentIds,
        }, ct);
        var state = new ImportState();
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case "goals": state.GoalCount = row.N; break;
                case "goal": state.PresentGoals.Add(row.Id!.Value); break;
                case "task": state.PresentTasks.Add(row.Id!.Value); break;
                case "note": state.PresentNotes.Add(row.Id!.Value); break;
                case "parent": state.ExistingParents.Add(row.Id!.Value); break;
                case "tasks": state.TasksPerGoal[row.Id!.Value] = row.N; break;
                case "notes": state.NotesPerGoal[row.Id!.Value] = row.N; break;
            }
        }

        return state;
    }

    private const string StateSql = """
            SELECT 'goals' AS kind, NULL::uuid AS id, count(*) AS n FROM goals WHERE student_id = @StudentId AND @CountGoals
            UNION ALL SELECT 'goal', f.id, 0 FROM unnest(@GoalIds::uuid[]) AS x (id)
              JOIN LATERAL (SELECT id FROM goals WHERE student_id = @StudentId AND id = x.id LIMIT 1) AS f ON true
            UNION ALL SELECT 'task', f.id, 0 FROM unnest(@TaskIds::uuid[]) AS x (id)
              JOIN LATERAL (SELECT id FROM goal_tasks WHERE student_id = @StudentId AND id = x.id LIMIT 1) AS f ON true
            UNION ALL SELECT 'note', f.id, 0 FROM unnest(@NoteIds::uuid[]) AS x (id)
              JOIN LATERAL (SELECT id FROM goal_notes WHERE student_id = @StudentId AND id = x.id LIMIT 1) AS f ON true
            UNION ALL SELECT 'parent', f.id, 0 FROM unnest(@ParentIds::uuid[]) AS x (id)
              JOIN LATERAL (SELECT id FROM goals WHERE student_id = @StudentId AND id = x.id LIMIT 1) AS f ON true
            UNION ALL SELECT 'tasks', x.id, f.n FROM unnest(@ParentIds::uuid[]) AS x (id)
              JOIN LATERAL (SELECT count(*) AS n FROM goal_tasks WHERE student_id = @StudentId AND goal_id = x.id) AS f ON f.n > 0
            UNION ALL SELECT 'notes', x.id, f.n FROM unnest(@ParentIds::uuid[]) AS x (id)
              JOIN LATERAL (SELECT count(*) AS n FROM goal_notes WHERE student_id = @StudentId AND goal_id = x.id) AS f ON f.n > 0
            """;

    private sealed class ImportStateRow : IRow<ImportStateRow>
    {
        public static IReadOnlyList<string> Columns { get; } = ["kind", "id", "n"];

        public static ImportStateRow Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) =>
            new() { Kind = reader.Get(at[0], ""), Id = reader.GetNullable<Guid>(at[1]), N = reader.Get<long>(at[2]) };

        public string Kind { get; set; } = "";
        public Guid? Id { get; set; }
        public long N { get; set; }
    }

    /// <summary>The tables erase empties, children first, each with the column that orders its chunks.</summary>
    public static IReadOnlyList<(string Table, string Key)> ErasedTables { get; } =
        [("goal_notes", "id"), ("goal_tasks", "id"), ("goals", "id"), ("idempotency_keys", "key")];

    /// <summary>Deletes up to <paramref name="limit"/> of the student's rows of one table (a small transaction); returns how many.</summary>
    public Task<int> DeleteChunkAsync(DbSession session, Guid studentId, string table, int limit, CancellationToken ct = default)
    {
        var (name, key) = ErasedTables.Single(t => t.Table == table);
        return session.ExecuteAsync($"""
            DELETE FROM {name} WHERE student_id = @StudentId
              AND {key} IN (SELECT {key} FROM {name} WHERE student_id = @StudentId ORDER BY {key} LIMIT @Limit)
            """, new { StudentId = studentId, Limit = limit }, ct);
    }

    public async Task<long> CountErasableAsync(DbSession session, Guid studentId, CancellationToken ct = default) =>
        await CountAsync(session, studentId, ct) + await session.QueryValueAsync<long>(
            "SELECT count(*) FROM idempotency_keys WHERE student_id = @StudentId", new { StudentId = studentId }, ct);
}
