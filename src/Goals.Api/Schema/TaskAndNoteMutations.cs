using Goals.Data.Repositories;
using Goals.GraphQL;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.GoalsSchema;

namespace Goals.Api.Schema;

/// <summary>Task and note mutations: create (idempotent), update, complete, delete, reorder.</summary>
internal static class TaskAndNoteMutations
{
    public const int TaskInformationMax = 1000;
    public const int NoteInformationMax = 5000;

    internal sealed record TaskPayload(GoalTaskRow Task, bool Replayed);

    internal sealed record NotePayload(GoalNoteRow Note, bool Replayed);

    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Mutation", "createGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var key = input.IdempotencyKey("idempotencyKey");
            var goalId = input.Id("goalId");
            var information = input.Text("information", 1, TaskInformationMax);
            var complete = input.Bool("complete") ?? false;
            var fingerprint = Fingerprint("createGoalTask", goalId, information, complete);
            var store = request.Store;
            return await request.Store.InTransactionAsync<object?>(async ct =>
            {
                if (await ReplayedIdAsync(store, studentId, key, fingerprint, input.Field("idempotencyKey"), ct) is { } previous)
                {
                    return new TaskPayload(await store.FindTaskAsync(studentId, previous, ct) ?? throw NotFound("Task", previous), true);
                }

                var task = await store.InsertTaskAsync(studentId, goalId, information, complete, ct)
                           ?? throw NotFound("Goal", goalId, input.Field("goalId"));
                if (key is not null) await store.RecordIdempotencyKeyAsync(studentId, key, fingerprint, task.Id, ct);
                return new TaskPayload(task, false);
            }, context.CancellationToken);
        }));

        builder.BindField("Mutation", "updateGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var taskId = input.Id("taskId");
            var information = input.OptionalText("information", 1, TaskInformationMax);
            var complete = input.Bool("complete");
            return await request.Store.InTransactionAsync<object?>(async ct =>
                new TaskPayload(await request.Store.UpdateTaskAsync(studentId, taskId, information, complete, ct)
                                ?? throw NotFound("Task", taskId, input.Field("taskId")), false), context.CancellationToken);
        }));

        builder.BindField("Mutation", "completeGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var taskId = input.Id("taskId");
            var complete = input.Bool("complete") ?? true;
            return await request.Store.InTransactionAsync<object?>(async ct =>
                new TaskPayload(await request.Store.UpdateTaskAsync(studentId, taskId, null, complete, ct)
                                ?? throw NotFound("Task", taskId, input.Field("taskId")), false), context.CancellationToken);
        }));

        builder.BindField("Mutation", "deleteGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var taskId = input.Id("taskId");
            return await request.Store.InTransactionAsync<object?>(async ct =>
                await request.Store.DeleteTaskAsync(studentId, taskId, ct)
                    ? new GoalMutations.DeletePayload(taskId)
                    : throw NotFound("Task", taskId, input.Field("taskId")), context.CancellationToken);
        }));

        builder.BindField("Mutation", "reorderGoalTasks", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var goalId = input.Id("goalId");
            var taskIds = input.Ids("taskIds");
            if (taskIds.Distinct().Count() != taskIds.Count) throw input.Invalid("taskIds", "input.taskIds lists a task more than once.");
            var store = request.Store;
            return await request.Store.InTransactionAsync<object?>(async ct =>
            {
                _ = await store.FindGoalAsync(studentId, goalId, ct) ?? throw NotFound("Goal", goalId, input.Field("goalId"));
                var order = await store.SetTaskOrderAsync(studentId, goalId, taskIds, ct);
                if (!order.Reordered) throw TaskListChanged(input, taskIds, order.CurrentTaskIds);

                var goal = await store.FindGoalAsync(studentId, goalId, ct) ?? throw NotFound("Goal", goalId);
                await PayloadPreloading.PreloadGoalChildrenAsync(context, request, studentId, goal.Id, createdNow: false, ct);
                return new GoalMutations.UpdatePayload(goal);
            }, context.CancellationToken);
        }));

        builder.BindField("Mutation", "createGoalNote", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var key = input.IdempotencyKey("idempotencyKey");
            var goalId = input.Id("goalId");
            var information = input.Text("information", 1, NoteInformationMax);
            var fingerprint = Fingerprint("createGoalNote", goalId, information);
            var store = request.Store;
            return await request.Store.InTransactionAsync<object?>(async ct =>
            {
                if (await ReplayedIdAsync(store, studentId, key, fingerprint, input.Field("idempotencyKey"), ct) is { } previous)
                {
                    return new NotePayload(await store.FindNoteAsync(studentId, previous, ct) ?? throw NotFound("Note", previous), true);
                }

                var note = await store.InsertNoteAsync(studentId, goalId, information, ct)
                           ?? throw NotFound("Goal", goalId, input.Field("goalId"));
                if (key is not null) await store.RecordIdempotencyKeyAsync(studentId, key, fingerprint, note.Id, ct);
                return new NotePayload(note, false);
            }, context.CancellationToken);
        }));

        builder.BindField("Mutation", "updateGoalNote", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var noteId = input.Id("noteId");
            var information = input.Text("information", 1, NoteInformationMax);
            return await request.Store.InTransactionAsync<object?>(async ct =>
                new NotePayload(await request.Store.UpdateNoteAsync(studentId, noteId, information, ct)
                                ?? throw NotFound("Note", noteId, input.Field("noteId")), false), context.CancellationToken);
        }));

        builder.BindField("Mutation", "deleteGoalNote", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var noteId = input.Id("noteId");
            return await request.Store.InTransactionAsync<object?>(async ct =>
                await request.Store.DeleteNoteAsync(studentId, noteId, ct)
                    ? new GoalMutations.DeletePayload(noteId)
                    : throw NotFound("Note", noteId, input.Field("noteId")), context.CancellationToken);
        }));

        builder.BindType<TaskPayload>("GoalTaskPayload", b => b
            .Field("task", p => p.Task)
            .Field("goalId", p => p.Task.GoalId)
            .Field("replayed", p => p.Replayed));
        builder.BindType<NotePayload>("GoalNotePayload", b => b
            .Field("note", p => p.Note)
            .Field("goalId", p => p.Note.GoalId)
            .Field("replayed", p => p.Replayed));
    }

    /// <summary>
    /// The list (already free of duplicates) is not the goal's current set of tasks: most likely they changed since the
    /// client read them (a task added or deleted), so CONFLICT, with what differs, and the advice to re-read.
    /// </summary>
    private static GraphQLException TaskListChanged(InputReader input, IReadOnlyList<Guid> listed, IReadOnlyList<Guid> current)
    {
        var missing = current.Except(listed).Select(id => (object?)id.ToString("D")).ToList();
        var unknown = listed.Except(current).Select(id => (object?)id.ToString("D")).ToList();
        return new GraphQLException(
            $"{input.Field("taskIds")} does not match the goal's current {current.Count} tasks ({missing.Count} not listed, {unknown.Count} listed that are not "
            + "its tasks); they may have changed since you read them. Read goal.tasks again and send every task id exactly once.",
            ErrorCodes.Conflict,
            new Dictionary<string, object?> { ["field"] = input.Field("taskIds"), ["missingTaskIds"] = missing, ["unknownTaskIds"] = unknown });
    }
}
