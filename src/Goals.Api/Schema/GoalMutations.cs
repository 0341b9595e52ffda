using Goals.Api.UseCases;
using Goals.Api.UseCases.Goals;
using Goals.Data.Repositories;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.Authorization;

namespace Goals.Api.Schema;

/// <summary>createGoal / updateGoal / deleteGoal: the input checked and mapped to its use case; the payload types.</summary>
internal static class GoalMutations
{
    public const int TitleMax = 200;
    public const int InformationMax = 5000;

    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Mutation", "createGoal", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var key = input.IdempotencyKey("idempotencyKey");
            var goalType = input.GoalType("goalType") ?? throw input.Invalid("goalType", "input.goalType is required.");
            var title = input.Text("title", 1, TitleMax);
            var information = input.Text("information", 0, InformationMax);
            var dueAt = input.DueAt("dueAt");
            var color = input.Color("color");
            return await request.UseCases.CreateGoal.RunAsync(request, studentId,
                new CreateGoal.Input(key, goalType, title, information, dueAt, color, SelectedGoalChildren(context)), context.CancellationToken);
        }));

        builder.BindField("Mutation", "updateGoal", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var goalId = input.Id("goalId");
            // Absent = unchanged; explicit null clears dueAt/color (null for the non-null fields is ignored).
            var update = new GoalUpdate
            {
                GoalType = input.Raw("goalType") is not null ? input.GoalType("goalType")! : Optional<string>.Unset,
                Title = input.Raw("title") is not null ? input.Text("title", 1, TitleMax) : Optional<string>.Unset,
                Information = input.Raw("information") is not null ? input.Text("information", 0, InformationMax) : Optional<string>.Unset,
                Complete = input.Raw("complete") is bool complete ? complete : Optional<bool>.Unset,
                DueAt = input.Has("dueAt") ? input.DueAt("dueAt")?.UtcDateTime : Optional<DateTime?>.Unset,
                Color = input.Has("color") ? input.Color("color") : Optional<string?>.Unset,
            };
            return await request.UseCases.UpdateGoal.RunAsync(request, studentId,
                new UpdateGoal.Input(goalId, update, SelectedGoalChildren(context)), context.CancellationToken);
        }));

        builder.BindField("Mutation", "deleteGoal", Authorized(async (context, request, studentId) =>
            await request.UseCases.DeleteGoal.RunAsync(request, studentId, InputReader.Of(context).Id("goalId"), context.CancellationToken)));

        builder.BindType<CreateGoal.Result>("CreateGoalPayload", b => b
            .Field("goal", p => p.Goal)
            .Field("idempotencyKey", p => p.IdempotencyKey)
            .Field("replayed", p => p.Replayed));
        builder.BindType<UpdateGoal.Result>("UpdateGoalPayload", b => b.Field("goal", p => p.Goal));
        builder.BindType<UpdateGoal.Result>("ReorderGoalTasksPayload", b => b.Field("goal", p => p.Goal));
        builder.BindType<Deleted>("DeleteGoalPayload", b => b.Field("deletedGoalId", p => p.Id));
        builder.BindType<Deleted>("DeleteGoalTaskPayload", b => b.Field("deletedTaskId", p => p.Id));
        builder.BindType<Deleted>("DeleteGoalNotePayload", b => b.Field("deletedNoteId", p => p.Id));
    }

    /// <summary>The children of the payload's goal the client selected (read inside the mutation's transaction).</summary>
    internal static SelectedChildren SelectedGoalChildren(IResolverContext context) =>
        new(context.Selects("goal", "tasks"), context.Selects("goal", "notes"));
}
