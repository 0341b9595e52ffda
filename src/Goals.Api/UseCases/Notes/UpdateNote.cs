using Goals.Data.Repositories;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Notes;

/// <summary>Mutation <c>updateGoalNote</c>: one retried transaction.</summary>
public sealed class UpdateNote(NoteRepository notes, TransactionRunner runner)
{
    public readonly record struct Input(Guid NoteId, string Information);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.noteId).</exception>
    public Task<NoteResult> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
            new NoteResult(await notes.UpdateAsync(session, studentId, input.NoteId, input.Information, c)
                           ?? throw NotFound("Note", input.NoteId, "input.noteId"), false), ct);
}
