using Goals.Api.UseCases.Tasks;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.Authorization;

namespace Goals.Api.Schema;

/// <summary>Task mutations (create is idempotent; update, complete, delete, reorder): the input checked and mapped to its use case.</summary>
internal static class TaskMutations
{
    public const int TaskInformationMax = 1000;

    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Mutation", "createGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var key = input.IdempotencyKey("idempotencyKey");
            var goalId = input.Id("goalId");
            var information = input.Text("information", 1, TaskInformationMax);
            var complete = input.Bool("complete") ?? false;
            return await request.UseCases.AddTask.RunAsync(request, studentId, new AddTask.Input(key, goalId, information, complete),
                context.CancellationToken);
        }));

        builder.BindField("Mutation", "updateGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var taskId = input.Id("taskId");
            var information = input.OptionalText("information", 1, TaskInformationMax);
            var complete = input.Bool("complete");
            return await request.UseCases.UpdateTask.RunAsync(request, studentId, new UpdateTask.Input(taskId, information, complete),
                context.CancellationToken);
        }));

        builder.BindField("Mutation", "completeGoalTask", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var taskId = input.Id("taskId");
            var complete = input.Bool("complete") ?? true;
            return await request.UseCases.UpdateTask.RunAsync(request, studentId, new UpdateTask.Input(taskId, null, complete),
                context.CancellationToken);
        }));

        builder.BindField("Mutation", "deleteGoalTask", Authorized(async (context, request, studentId) =>
            await request.UseCases.DeleteTask.RunAsync(request, studentId, InputReader.Of(context).Id("taskId"), context.CancellationToken)));

        builder.BindField("Mutation", "reorderGoalTasks", Authorized(async (context, request, studentId) =>
        {
            var input = InputReader.Of(context);
            var goalId = input.Id("goalId");
            var taskIds = input.Ids("taskIds");
            if (taskIds.Distinct().Count() != taskIds.Count) throw input.Invalid("taskIds", "input.taskIds lists a task more than once.");
            return await request.UseCases.ReorderTasks.RunAsync(request, studentId,
                new ReorderTasks.Input(goalId, taskIds, GoalMutations.SelectedGoalChildren(context)), context.CancellationToken);
        }));

        builder.BindType<TaskResult>("GoalTaskPayload", b => b
            .Field("task", p => p.Task)
            .Field("goalId", p => p.Task.GoalId)
            .Field("replayed", p => p.Replayed));
    }
}
