using Goals.Data.Repositories;
using Goals.Data.Sessions;

namespace Goals.Api.UseCases.Tasks;

/// <summary>
/// <c>Goal.tasks</c>: the list preloaded for the goal (by the goals query or inside a mutation), else through the
/// request's DataLoader keyed by goal id: the batch only queues its statement on the session, and the executor's
/// round hook flushes every queued statement as ONE batch.
/// </summary>
public sealed class LoadGoalTasks(TaskRepository tasks)
{
    private const string LoaderName = "Goal.tasks";

    /// <summary>Completes with null when the goal has no tasks.</summary>
    public ValueTask<IReadOnlyList<GoalTaskRow>?> RunAsync(GoalsRequest request, Guid goalId)
    {
        if (request.Preloaded.TasksOf(goalId) is { } preloaded) return new(preloaded);
        var studentId = request.Student.RequireStudentId();
        var loader = request.DataLoaders.GetOrAdd<Guid, IReadOnlyList<GoalTaskRow>>(LoaderName,
            (goalIds, _) => EnqueueAsync(request.Session, studentId, goalIds));
        request.HookFlush();
        return new(loader.LoadAsync(goalId));
    }

    /// <summary>Queues the tasks of these goals (the batch load); completes when the session flushes.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<GoalTaskRow>>> EnqueueAsync(DbSession session, Guid studentId,
        IReadOnlyList<Guid> goalIds) =>
        Grouping.ByGoal(await tasks.EnqueueByGoalIds(session, studentId, goalIds), t => t.GoalId);
}
