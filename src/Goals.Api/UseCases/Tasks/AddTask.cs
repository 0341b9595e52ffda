using Goals.Api.Configuration;
using Goals.Api.UseCases.Idempotency;
using Goals.Data.Repositories;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Tasks;

/// <summary>Mutation <c>createGoalTask</c>: appends a task (complete or not) in one idempotent transaction.</summary>
public sealed class AddTask(TaskRepository tasks, IdempotentCreates idempotent, StudentLimitsOptions limits)
{
    public readonly record struct Input(string? IdempotencyKey, Guid GoalId, string Information, bool Complete);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.goalId); LIMIT_EXCEEDED: the goal has
    /// <see cref="StudentLimitsOptions.MaxTasksPerGoal"/> tasks; CONFLICT: the key was used with another input.</exception>
    public Task<TaskResult> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct)
    {
        IdempotencyKey? key = input.IdempotencyKey is { } k
            ? new(k, InputFingerprint.Of("createGoalTask", input.GoalId, input.Information, input.Complete))
            : null;
        var session = request.Session;
        return idempotent.RunAsync(session, studentId, key,
            async (previous, c) => new TaskResult(await tasks.GetAsync(session, studentId, previous, c) ?? throw NotFound("Task", previous), true),
            async c =>
            {
                var task = await WithinLimit(tasks.AddAsync(session, studentId, input.GoalId, input.Information, limits.MaxTasksPerGoal, c));
                if (task is not null && input.Complete) task = await tasks.SetCompleteAsync(session, studentId, task.Id, true, c);
                return new TaskResult(task ?? throw NotFound("Goal", input.GoalId, "input.goalId"), false);
            },
            r => r.Task.Id, ct);
    }
}
