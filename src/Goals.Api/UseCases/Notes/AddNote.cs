using Goals.Api.Configuration;
using Goals.Api.UseCases.Idempotency;
using Goals.Data.Repositories;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Notes;

/// <summary>Mutation <c>createGoalNote</c>: adds a note in one idempotent transaction.</summary>
public sealed class AddNote(NoteRepository notes, IdempotentCreates idempotent, StudentLimitsOptions limits)
{
    public readonly record struct Input(string? IdempotencyKey, Guid GoalId, string Information);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.goalId); LIMIT_EXCEEDED: the goal has
    /// <see cref="StudentLimitsOptions.MaxNotesPerGoal"/> notes; CONFLICT: the key was used with another input.</exception>
    public Task<NoteResult> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct)
    {
        IdempotencyKey? key = input.IdempotencyKey is { } k
            ? new(k, InputFingerprint.Of("createGoalNote", input.GoalId, input.Information))
            : null;
        var session = request.Session;
        return idempotent.RunAsync(session, studentId, key,
            async (previous, c) => new NoteResult(await notes.GetAsync(session, studentId, previous, c) ?? throw NotFound("Note", previous), true),
            async c => new NoteResult(
                await WithinLimit(notes.AddAsync(session, studentId, input.GoalId, input.Information, limits.MaxNotesPerGoal, c))
                ?? throw NotFound("Goal", input.GoalId, "input.goalId"), false),
            r => r.Note.Id, ct);
    }
}
