using Goals.Data.Repositories;
using Goals.Data.Sessions;

namespace Goals.Api.UseCases.Notes;

/// <summary>
/// <c>Goal.notes</c>: the list preloaded for the goal (by the goals query or inside a mutation), else through the
/// request's DataLoader keyed by goal id: the batch only queues its statement on the session, and the executor's
/// round hook flushes every queued statement as ONE batch.
/// </summary>
public sealed class LoadGoalNotes(NoteRepository notes)
{
    private const string LoaderName = "Goal.notes";

    /// <summary>Completes with null when the goal has no notes.</summary>
    public ValueTask<IReadOnlyList<GoalNoteRow>?> RunAsync(GoalsRequest request, Guid goalId)
    {
        if (request.Preloaded.NotesOf(goalId) is { } preloaded) return new(preloaded);
        var studentId = request.Student.RequireStudentId();
        var loader = request.DataLoaders.GetOrAdd<Guid, IReadOnlyList<GoalNoteRow>>(LoaderName,
            (goalIds, _) => EnqueueAsync(request.Session, studentId, goalIds));
        request.HookFlush();
        return new(loader.LoadAsync(goalId));
    }

    /// <summary>Queues the notes of these goals (the batch load); completes when the session flushes.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<GoalNoteRow>>> EnqueueAsync(DbSession session, Guid studentId,
        IReadOnlyList<Guid> goalIds) =>
        Grouping.ByGoal(await notes.EnqueueByGoalIds(session, studentId, goalIds), n => n.GoalId);
}
