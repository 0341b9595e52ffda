using Goals.Data.Repositories;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.GoalsSchema;

namespace Goals.Api.Schema;

/// <summary>createGoal / updateGoal / deleteGoal. Each runs in one retried serializable transaction.</summary>
internal static class GoalMutations
{
    public const int TitleMax = 200;
    public const int InformationMax = 5000;

    internal sealed record CreateGoalPayload(GoalRow Goal, string? IdempotencyKey, bool Replayed);

    internal sealed record DeletePayload(Guid Id);

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
            var fingerprint = Fingerprint("createGoal", goalType, title, information, dueAt, color);
            var store = request.Store;

            return await request.Store.InTransactionAsync<object?>(async ct =>
            {
                if (await ReplayedIdAsync(store, studentId, key, fingerprint, input.Field("idempotencyKey"), ct) is { } previous)
                {
                    var earlier = await store.FindGoalAsync(studentId, previous, ct) ?? throw NotFound("Goal", previous);
                    await PayloadPreloading.PreloadGoalChildrenAsync(context, request, studentId, earlier.Id, createdNow: false, ct);
                    return new CreateGoalPayload(earlier, key, true);
                }

                var goal = await store.InsertGoalAsync(studentId, goalType, title, information, dueAt, color, ct);
                if (key is not null) await store.RecordIdempotencyKeyAsync(studentId, key, fingerprint, goal.Id, ct);
                await PayloadPreloading.PreloadGoalChildrenAsync(context, request, studentId, goal.Id, createdNow: true, ct);
                return new CreateGoalPayload(goal, key, false);
            }, context.CancellationToken);
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

            return await request.Store.InTransactionAsync<object?>(async ct =>
            {
                var goal = await request.Store.UpdateGoalAsync(studentId, goalId, update, ct)
                           ?? throw NotFound("Goal", goalId, input.Field("goalId"));
                await PayloadPreloading.PreloadGoalChildrenAsync(context, request, studentId, goal.Id, createdNow: false, ct);
                return new UpdatePayload(goal);
            }, context.CancellationToken);
        }));

        builder.BindField("Mutation", "deleteGoal", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var goalId = input.Id("goalId");
            return await request.Store.InTransactionAsync<object?>(async ct =>
                await request.Store.DeleteGoalAsync(studentId, goalId, ct)
                    ? new DeletePayload(goalId)
                    : throw NotFound("Goal", goalId, input.Field("goalId")), context.CancellationToken);
        }));

        builder.BindType<CreateGoalPayload>("CreateGoalPayload", b => b
            .Field("goal", p => p.Goal)
            .Field("idempotencyKey", p => p.IdempotencyKey)
            .Field("replayed", p => p.Replayed));
        builder.BindType<UpdatePayload>("UpdateGoalPayload", b => b.Field("goal", p => p.Goal));
        builder.BindType<UpdatePayload>("ReorderGoalTasksPayload", b => b.Field("goal", p => p.Goal));
        builder.BindType<DeletePayload>("DeleteGoalPayload", b => b.Field("deletedGoalId", p => p.Id));
        builder.BindType<DeletePayload>("DeleteGoalTaskPayload", b => b.Field("deletedTaskId", p => p.Id));
        builder.BindType<DeletePayload>("DeleteGoalNotePayload", b => b.Field("deletedNoteId", p => p.Id));
    }

    internal sealed record UpdatePayload(GoalRow Goal);
}
