using Goals.Api.Configuration;
using Goals.Api.UseCases.Idempotency;
using Goals.Data.Repositories;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Goals;

/// <summary>Mutation <c>createGoal</c>: one idempotent transaction; the payload's children are read inside it.</summary>
public sealed class CreateGoal(GoalRepository goals, IdempotentCreates idempotent, StudentLimitsOptions limits)
{
    public readonly record struct Input(string? IdempotencyKey, string GoalType, string Title, string Information, DateTimeOffset? DueAt,
        string? Color, SelectedChildren Selected);

    public sealed record Result(GoalRow Goal, string? IdempotencyKey, bool Replayed);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">LIMIT_EXCEEDED: the student has <see cref="StudentLimitsOptions.MaxGoalsPerStudent"/>
    /// goals; CONFLICT: the key was used with another input.</exception>
    public async Task<Result> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct)
    {
        IdempotencyKey? key = input.IdempotencyKey is { } k
            ? new(k, InputFingerprint.Of("createGoal", input.GoalType, input.Title, input.Information, input.DueAt, input.Color))
            : null;
        var result = await idempotent.RunAsync(request.Session, studentId, key,
            async (previous, c) =>
            {
                var earlier = await goals.GetAsync(request.Session, studentId, previous, c) ?? throw NotFound("Goal", previous);
                await PayloadPreloading.PreloadGoalChildrenAsync(request, studentId, earlier.Id, input.Selected, c);
                return new Result(earlier, input.IdempotencyKey, true);
            },
            async c => new Result(await WithinLimit(goals.CreateAsync(request.Session, studentId,
                new NewGoal(input.GoalType, input.Title, input.Information, input.DueAt?.UtcDateTime, input.Color), limits.MaxGoalsPerStudent, c)),
                input.IdempotencyKey, false),
            r => r.Goal.Id, ct);
        if (!result.Replayed) PayloadPreloading.PreloadNoChildren(request, result.Goal.Id, input.Selected);
        return result;
    }
}
