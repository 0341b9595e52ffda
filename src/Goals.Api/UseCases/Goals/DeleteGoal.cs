using Goals.Data.Repositories;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Goals;

/// <summary>Mutation <c>deleteGoal</c> (its tasks and notes go with it): one retried transaction.</summary>
public sealed class DeleteGoal(GoalRepository goals, TransactionRunner runner)
{
    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.goalId).</exception>
    public Task<Deleted> RunAsync(GoalsRequest request, Guid studentId, Guid goalId, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
            await goals.DeleteAsync(session, studentId, goalId, c) ? new Deleted(goalId) : throw NotFound("Goal", goalId, "input.goalId"), ct);
}
