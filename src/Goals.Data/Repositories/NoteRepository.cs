using Goals.Data.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Data.Repositories;

/// <summary>Notes of a student's goals, oldest first. Every write also bumps the parent goal's updated_at.</summary>
public sealed class NoteRepository
{
    internal const string Columns =
        "student_id AS studentid, id, goal_id AS goalid, information, created_at AS createdat, updated_at AS updatedat";

    private const string BumpParentGoal =
        "bumped AS (UPDATE goals SET updated_at = now() WHERE student_id = @StudentId AND id IN (SELECT goalid FROM changed))";

    /// <summary>
    /// Adds a note unless the goal has <paramref name="maxNotes"/> already (a condition of the INSERT, so concurrent adds
    /// cannot overshoot under SERIALIZABLE); null when the goal is not found (or is another student's).
    /// </summary>
    /// <exception cref="LimitExceededException">The goal has <paramref name="maxNotes"/> notes already.</exception>
    public async Task<GoalNoteRow?> AddAsync(DbSession session, Guid studentId, Guid goalId, string information, int maxNotes,
        CancellationToken ct = default) =>
        await session.QuerySingleOrDefaultAsync<GoalNoteRow>($"""
            WITH changed AS (
                INSERT INTO goal_notes (student_id, goal_id, information)
                SELECT g.student_id, g.id, @Information FROM goals g
                WHERE g.student_id = @StudentId AND g.id = @GoalId
                  AND (SELECT count(*) FROM goal_notes WHERE student_id = @StudentId AND goal_id = @GoalId) < @MaxNotes
                RETURNING {Columns}
            ), {BumpParentGoal}
            SELECT * FROM changed
            """, new { StudentId = studentId, GoalId = goalId, Information = information, MaxNotes = (long)maxNotes }, ct)
        ?? await ChildInsert.NotFoundOrLimitExceededAsync<GoalNoteRow>(session, studentId, goalId, StudentLimit.NotesPerGoal, maxNotes, ct);

    public Task<GoalNoteRow?> GetAsync(DbSession session, Guid studentId, Guid noteId, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<GoalNoteRow>(
            $"SELECT {Columns} FROM goal_notes WHERE student_id = @StudentId AND id = @NoteId", new { StudentId = studentId, NoteId = noteId }, ct);

    public Task<IReadOnlyList<GoalNoteRow>> ListAsync(DbSession session, Guid studentId, Guid goalId, CancellationToken ct = default) =>
        session.QueryAsync<GoalNoteRow>(
            $"SELECT {Columns} FROM goal_notes WHERE student_id = @StudentId AND goal_id = @GoalId ORDER BY created_at, id",
            new { StudentId = studentId, GoalId = goalId }, ct);

    /// <summary>Queues "notes of these goals" for a DataLoader (ordered by goal, then created_at); sent with the session's next batch.</summary>
    public Task<IReadOnlyList<GoalNoteRow>> EnqueueByGoalIds(DbSession session, Guid studentId, IReadOnlyList<Guid> goalIds) =>
        session.Enqueue<GoalNoteRow>(
            $"SELECT {Columns} FROM goal_notes WHERE student_id = @student_id AND goal_id = ANY(@ids) ORDER BY goal_id, created_at, id",
            new NpgsqlParameter<Guid>("student_id", studentId),
            new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = goalIds.ToArray() });

    /// <summary>Replaces the information; null when not found.</summary>
    public Task<GoalNoteRow?> UpdateAsync(DbSession session, Guid studentId, Guid noteId, string information, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<GoalNoteRow>($"""
            WITH changed AS (
                UPDATE goal_notes SET information = @Information, updated_at = now()
                WHERE student_id = @StudentId AND id = @NoteId
                RETURNING {Columns}
            ), {BumpParentGoal}
            SELECT * FROM changed
            """, new { StudentId = studentId, NoteId = noteId, Information = information }, ct);

    public async Task<bool> DeleteAsync(DbSession session, Guid studentId, Guid noteId, CancellationToken ct = default) =>
        await session.QueryValueAsync<long>($"""
            WITH changed AS (
                DELETE FROM goal_notes WHERE student_id = @StudentId AND id = @NoteId RETURNING goal_id AS goalid
            ), {BumpParentGoal}
            SELECT count(*) FROM changed
            """, new { StudentId = studentId, NoteId = noteId }, ct) > 0;
}
