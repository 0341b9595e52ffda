using Goals.Data.Repositories;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Goals;

/// <summary>Mutation <c>updateGoal</c>: one retried transaction; the payload's children are read inside it.</summary>
public sealed class UpdateGoal(GoalRepository goals, TransactionRunner runner)
{
    public readonly record struct Input(Guid GoalId, GoalUpdate Update, SelectedChildren Selected);

    /// <summary>The goal after a change (updateGoal, reorderGoalTasks).</summary>
    public sealed record Result(GoalRow Goal);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.goalId).</exception>
    public Task<Result> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
        {
            var goal = await goals.UpdateAsync(session, studentId, input.GoalId, input.Update, c)
                       ?? throw NotFound("Goal", input.GoalId, "input.goalId");
            await PayloadPreloading.PreloadGoalChildrenAsync(request, studentId, goal.Id, input.Selected, c);
            return new Result(goal);
        }, ct);
}
