using System.Collections.Concurrent;
using Goals.Data.Repositories;

namespace Goals.Api.UseCases;

/// <summary>
/// Tasks and notes a mutation read inside its own transaction for the goal it returns, so that nothing in a
/// mutation's payload is read after COMMIT: a committed change can then never answer as a failure.
/// </summary>
public sealed class PreloadedChildren
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<GoalTaskRow>> _tasks = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<GoalNoteRow>> _notes = new();

    public void SetTasks(Guid goalId, IReadOnlyList<GoalTaskRow> tasks) => _tasks[goalId] = tasks;

    public void SetNotes(Guid goalId, IReadOnlyList<GoalNoteRow> notes) => _notes[goalId] = notes;

    public IReadOnlyList<GoalTaskRow>? TasksOf(Guid goalId) => _tasks.TryGetValue(goalId, out var tasks) ? tasks : null;

    public IReadOnlyList<GoalNoteRow>? NotesOf(Guid goalId) => _notes.TryGetValue(goalId, out var notes) ? notes : null;
}
