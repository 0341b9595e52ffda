using Goals.Api.Configuration;
using Goals.Data.Jobs;
using Goals.Data.Repositories;

namespace Goals.Api.Jobs.Kinds;

/// <summary>A valid row of an import chunk: its line, the prefix of its messages (<c>tasks[2]: </c>, <c>tasks.csv: </c>) and,
/// for a task or note, what to report when its goal is neither present nor imported (null: its goal's rejection says it).</summary>
internal readonly record struct ImportCandidate<T>(T Row, int Line, string Label, string? OrphanMessage = null);

/// <summary>What a chunk inserts (only rows not present yet), how many valid rows were present, and the rows refused.</summary>
internal sealed class ImportSelection
{
    public List<GoalRow> NewGoals { get; } = [];
    public List<GoalTaskRow> NewTasks { get; } = [];
    public List<GoalNoteRow> NewNotes { get; } = [];
    public long Present { get; set; }
    public List<(int Line, string Message)> Rejections { get; } = [];
    /// <summary>A row was refused for a limit (not only for a missing goal).</summary>
    public bool LimitReached { get; set; }

    public long Accepted => Present + NewGoals.Count + NewTasks.Count + NewNotes.Count;
}

/// <summary>
/// The mutations' limits applied to an import chunk, inside its transaction (SERIALIZABLE, so concurrent creates
/// cannot overshoot either): goals per student (createGoal), tasks per goal (createGoalTask), notes per goal
/// (createGoalNote), counted as the mutations count them (existing rows, then each new one in file order while it fits).
/// A row already present (a rerun, a retry after a crash) is accepted without counting: it adds nothing, so an import
/// resumed next to its own earlier rows is never refused for them. Rows that do not fit are rejected with their line.
/// Which rows are present matters only near a limit: without presence every row counts as new, and if even then all
/// fit, the same rows are accepted (ON CONFLICT skips the present ones) — so a chunk asks for presence only when
/// that first pass reached a limit.
/// </summary>
internal static class ImportLimits
{
    public static ImportSelection Select(ImportState state, StudentLimitsOptions limits, IReadOnlyList<ImportCandidate<GoalRow>> goals,
        IReadOnlyList<ImportCandidate<GoalTaskRow>> tasks, IReadOnlyList<ImportCandidate<GoalNoteRow>> notes)
    {
        var selection = new ImportSelection();
        var goalCount = state.GoalCount;
        var imported = new HashSet<Guid>();
        foreach (var (goal, line, label, _) in goals)
        {
            if (state.PresentGoals.Contains(goal.Id) || imported.Contains(goal.Id))
            {
                selection.Present++;
                imported.Add(goal.Id);
            }
            else if (goalCount < limits.MaxGoalsPerStudent)
            {
                goalCount++;
                imported.Add(goal.Id);
                selection.NewGoals.Add(goal);
            }
            else
            {
                selection.LimitReached = true;
                selection.Rejections.Add((line, $"{label}LIMIT_EXCEEDED: a student can have at most {limits.MaxGoalsPerStudent} goals " +
                                                $"({Key(nameof(StudentLimitsOptions.MaxGoalsPerStudent))}); this goal was not imported, nor its tasks and notes."));
            }
        }

        var taskCounts = new Dictionary<Guid, long>(state.TasksPerGoal);
        SelectChildren(tasks, t => t.Id, t => t.GoalId, state.PresentTasks, taskCounts, limits.MaxTasksPerGoal, "tasks",
            nameof(StudentLimitsOptions.MaxTasksPerGoal), state, imported, selection, selection.NewTasks);
        var noteCounts = new Dictionary<Guid, long>(state.NotesPerGoal);
        SelectChildren(notes, n => n.Id, n => n.GoalId, state.PresentNotes, noteCounts, limits.MaxNotesPerGoal, "notes",
            nameof(StudentLimitsOptions.MaxNotesPerGoal), state, imported, selection, selection.NewNotes);
        return selection;
    }

    private static void SelectChildren<T>(IReadOnlyList<ImportCandidate<T>> candidates, Func<T, Guid> idOf, Func<T, Guid> goalOf, HashSet<Guid> present,
        Dictionary<Guid, long> counts, int maximum, string what, string limitName, ImportState state, HashSet<Guid> importedGoals,
        ImportSelection selection, List<T> inserted)
    {
        var insertedIds = new HashSet<Guid>();
        foreach (var (row, line, label, orphan) in candidates)
        {
            var goalId = goalOf(row);
            if (!importedGoals.Contains(goalId) && !state.ExistingParents.Contains(goalId))
            {
                if (orphan is not null) selection.Rejections.Add((line, label + orphan));
                continue;
            }

            var id = idOf(row);
            if (present.Contains(id) || insertedIds.Contains(id))
            {
                selection.Present++;
                continue;
            }

            var count = counts.GetValueOrDefault(goalId);
            if (count >= maximum)
            {
                selection.LimitReached = true;
                selection.Rejections.Add((line, $"{label}LIMIT_EXCEEDED: a goal can have at most {maximum} {what} ({Key(limitName)})."));
                continue;
            }

            counts[goalId] = count + 1;
            insertedIds.Add(id);
            inserted.Add(row);
        }
    }

    private static string Key(string name) => $"{StudentLimitsOptions.Section}:{name}";
}
