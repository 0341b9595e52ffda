using Goals.Data.Repositories;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Tasks;

/// <summary>Mutations <c>updateGoalTask</c> and <c>completeGoalTask</c>: one retried transaction.</summary>
public sealed class UpdateTask(TaskRepository tasks, TransactionRunner runner)
{
    /// <param name="Information">null: unchanged.</param>
    /// <param name="Complete">null: unchanged.</param>
    public readonly record struct Input(Guid TaskId, string? Information, bool? Complete);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.taskId).</exception>
    public Task<TaskResult> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
            new TaskResult(await tasks.UpdateAsync(session, studentId, input.TaskId, input.Information, input.Complete, c)
                           ?? throw NotFound("Task", input.TaskId, "input.taskId"), false), ct);
}
