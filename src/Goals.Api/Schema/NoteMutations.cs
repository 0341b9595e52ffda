using Goals.Api.UseCases.Notes;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.Authorization;

namespace Goals.Api.Schema;

/// <summary>Note mutations (create is idempotent; update, delete): the input checked and mapped to its use case.</summary>
internal static class NoteMutations
{
    public const int NoteInformationMax = 5000;

    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Mutation", "createGoalNote", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var key = input.IdempotencyKey("idempotencyKey");
            var goalId = input.Id("goalId");
            var information = input.Text("information", 1, NoteInformationMax);
            return await request.UseCases.AddNote.RunAsync(request, studentId, new AddNote.Input(key, goalId, information), context.CancellationToken);
        }));

        builder.BindField("Mutation", "updateGoalNote", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var noteId = input.Id("noteId");
            var information = input.Text("information", 1, NoteInformationMax);
            return await request.UseCases.UpdateNote.RunAsync(request, studentId, new UpdateNote.Input(noteId, information), context.CancellationToken);
        }));

        builder.BindField("Mutation", "deleteGoalNote", Authorized(async (context, request, studentId) =>
            await request.UseCases.DeleteNote.RunAsync(request, studentId, InputReader.Of(context).Id("noteId"), context.CancellationToken)));

        builder.BindType<NoteResult>("GoalNotePayload", b => b
            .Field("note", p => p.Note)
            .Field("goalId", p => p.Note.GoalId)
            .Field("replayed", p => p.Replayed));
    }
}
