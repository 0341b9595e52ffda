using Goals.Data.Repositories;
using Goals.Data.Transactions;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Notes;

/// <summary>Mutation <c>deleteGoalNote</c>: one retried transaction.</summary>
public sealed class DeleteNote(NoteRepository notes, TransactionRunner runner)
{
    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field input.noteId).</exception>
    public Task<Deleted> RunAsync(GoalsRequest request, Guid studentId, Guid noteId, CancellationToken ct) =>
        runner.RunAsync(request.Session, async (session, c) =>
            await notes.DeleteAsync(session, studentId, noteId, c) ? new Deleted(noteId) : throw NotFound("Note", noteId, "input.noteId"), ct);
}
