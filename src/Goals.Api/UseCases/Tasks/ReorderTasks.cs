using Goals.Api.UseCases.Goals;
using Goals.Data.Repositories;
using Goals.Data.Transactions;
using Goals.GraphQL;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Tasks;

/// <summary>Mutation <c>reorderGoalTasks</c>: sets the complete order of a goal's tasks in one retried transaction and
/// answers with the goal, its selected children read inside the transaction.</summary>
public sealed class ReorderTasks(GoalRepository goals, TaskRepository tasks, TransactionRunner runner)
{
    private const string TaskIdsField = "input.taskIds";

    /// <param name="TaskIds">Every task of the goal exactly once (the caller has refused duplicates).</param>
    public readonly record struct Input(Guid GoalId, IReadOnlyList<Guid> TaskIds, SelectedChildren Selected);

    /// <exception cref="GraphQLException">NOT_FOUND (field input.goalId); CONFLICT: the ids are not the goal's tasks.</exception>
    public Task<UpdateGoal.Result> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
        {
            _ = await goals.GetAsync(session, studentId, input.GoalId, c) ?? throw NotFound("Goal", input.GoalId, "input.goalId");
            var order = await tasks.SetOrderAsync(session, studentId, input.GoalId, input.TaskIds, c);
            if (!order.Reordered) throw TaskListChanged(input.TaskIds, order.CurrentTaskIds);

            var goal = await goals.GetAsync(session, studentId, input.GoalId, c) ?? throw NotFound("Goal", input.GoalId);
            await PayloadPreloading.PreloadGoalChildrenAsync(request, studentId, goal.Id, input.Selected, c);
            return new UpdateGoal.Result(goal);
        }, ct);

    /// <summary>
    /// The list (already free of duplicates) is not the goal's current set of tasks: most likely they changed since the
    /// client read them (a task added or deleted), so CONFLICT, with what differs, and the advice to re-read.
    /// </summary>
    private static GraphQLException TaskListChanged(IReadOnlyList<Guid> listed, IReadOnlyList<Guid> current)
    {
        var missing = current.Except(listed).Select(id => (object?)id.ToString("D")).ToList();
        var unknown = listed.Except(current).Select(id => (object?)id.ToString("D")).ToList();
        return new GraphQLException(
            $"{TaskIdsField} does not match the goal's current {current.Count} tasks ({missing.Count} not listed, {unknown.Count} listed that are not "
            + "its tasks); they may have changed since you read them. Read goal.tasks again and send every task id exactly once.",
            ErrorCodes.Conflict,
            new Dictionary<string, object?> { ["field"] = TaskIdsField, ["missingTaskIds"] = missing, ["unknownTaskIds"] = unknown });
    }
}
