using Goals.Data.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace Goals.Data.Repositories;

/// <summary>The goal columns a query can ask for; <see cref="GoalTreeQueries"/> reads only those (the id always).</summary>
[Flags]
public enum GoalColumns
{
    Id = 0,
    GoalType = 1 << 0,
    Title = 1 << 1,
    Information = 1 << 2,
    Complete = 1 << 3,
    DueAt = 1 << 4,
    Color = 1 << 5,
    CreatedAt = 1 << 6,
    UpdatedAt = 1 << 7,
    All = GoalType | Title | Information | Complete | DueAt | Color | CreatedAt | UpdatedAt,
}

/// <summary>
/// Reads of a student's goals together with their tasks and notes, queued so that the caller sends them in ONE batch:
/// the children are selected by student (all goals) or by the one goal id, which are known before the goals are read,
/// so no statement has to wait for another's answer. Every statement filters by student_id.
/// </summary>
public sealed class GoalTreeQueries
{
    private static readonly string[] SelectLists = BuildSelectLists();

    /// <summary>All the student's goals, newest first (the order of <see cref="GoalRepository.ListAllNewestFirstAsync"/>).</summary>
    public Task<IReadOnlyList<GoalRow>> EnqueueAllGoals(DbSession session, Guid studentId, GoalColumns columns) =>
        session.Enqueue<GoalRow>($"SELECT {SelectLists[(int)columns]} FROM goals WHERE student_id = @student_id ORDER BY created_at DESC, id DESC",
            StudentParameter(studentId));

    public Task<IReadOnlyList<GoalRow>> EnqueueGoal(DbSession session, Guid studentId, Guid goalId, GoalColumns columns) =>
        session.Enqueue<GoalRow>($"SELECT {SelectLists[(int)columns]} FROM goals WHERE student_id = @student_id AND id = @goal_id",
            StudentParameter(studentId), new NpgsqlParameter<Guid>("goal_id", goalId));

    /// <summary>The tasks of every goal of the student, or of one goal; ordered by goal, then the student's order.</summary>
    public Task<IReadOnlyList<GoalTaskRow>> EnqueueTasks(DbSession session, Guid studentId, Guid? goalId) =>
        session.Enqueue<GoalTaskRow>(
            $"SELECT {TaskRepository.Columns} FROM goal_tasks WHERE student_id = @student_id{GoalFilter(goalId)} ORDER BY goal_id, position, id",
            Parameters(studentId, goalId));

    /// <summary>The notes of every goal of the student, or of one goal; ordered by goal, then oldest first.</summary>
    public Task<IReadOnlyList<GoalNoteRow>> EnqueueNotes(DbSession session, Guid studentId, Guid? goalId) =>
        session.Enqueue<GoalNoteRow>(
            $"SELECT {NoteRepository.Columns} FROM goal_notes WHERE student_id = @student_id{GoalFilter(goalId)} ORDER BY goal_id, created_at, id",
            Parameters(studentId, goalId));

    private static string GoalFilter(Guid? goalId) => goalId is null ? "" : " AND goal_id = @goal_id";

    private static NpgsqlParameter<Guid> StudentParameter(Guid studentId) => new("student_id", studentId);

    private static NpgsqlParameter[] Parameters(Guid studentId, Guid? goalId) => goalId is { } id
        ? [StudentParameter(studentId), new NpgsqlParameter<Guid>("goal_id", id) { NpgsqlDbType = NpgsqlDbType.Uuid }]
        : [StudentParameter(studentId)];

    /// <summary>One select list per column set, made once: a request only indexes the array.</summary>
    private static string[] BuildSelectLists()
    {
        (GoalColumns Column, string Sql)[] optional =
        [
            (GoalColumns.GoalType, "goal_type AS goaltype"), (GoalColumns.Title, "title"), (GoalColumns.Information, "information"),
            (GoalColumns.Complete, "complete"), (GoalColumns.DueAt, "due_at AS dueat"), (GoalColumns.Color, "color"),
            (GoalColumns.CreatedAt, "created_at AS createdat"), (GoalColumns.UpdatedAt, "updated_at AS updatedat"),
        ];
        var lists = new string[(int)GoalColumns.All + 1];
        for (var set = 0; set < lists.Length; set++)
        {
            lists[set] = string.Join(", ", optional.Where(c => (set & (int)c.Column) != 0).Select(c => c.Sql).Prepend("student_id AS studentid, id"));
        }
        return lists;
    }
}
