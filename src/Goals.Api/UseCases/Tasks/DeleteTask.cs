using Goals.Data.Repositories;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Tasks;

/// <summary>Mutation <c>deleteGoalTask</c>: one retried transaction.</summary>
public sealed class DeleteTask(TaskRepository tasks, TransactionRunner runner)
{
    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.taskId).</exception>
    public Task<Deleted> RunAsync(GoalsRequest request, Guid studentId, Guid taskId, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
            await tasks.DeleteAsync(session, studentId, taskId, c) ? new Deleted(taskId) : throw NotFound("Task", taskId, "input.taskId"), ct);
}
