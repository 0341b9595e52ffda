using Goals.Api.UseCases;
using Goals.Api.UseCases.Goals;
using Goals.Data.Repositories;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;

namespace Goals.Api.Schema;

/// <summary>Goal, GoalTask, GoalNote and the goal connection; Goal.tasks / Goal.notes load through the request's DataLoaders.</summary>
internal static class ObjectTypes
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.BindType<GoalRow>("Goal", b => b
            .Field("id", g => g.Id)
            .Field("goalType", g => g.GoalType)
            .Field("title", g => g.Title)
            .Field("information", g => g.Information)
            .Field("complete", g => g.Complete)
            .Field("dueAt", g => g.DueAt)
            .Field("color", g => g.Color)
            .Field("tasks", LoadTasksAsync)
            .Field("notes", LoadNotesAsync)
            .Field("updatedAt", g => g.UpdatedAt)
            .Field("createdAt", g => g.CreatedAt));

        builder.BindType<GoalTaskRow>("GoalTask", b => b
            .Field("id", t => t.Id)
            .Field("information", t => t.Information)
            .Field("complete", t => t.Complete)
            .Field("updatedAt", t => t.UpdatedAt)
            .Field("createdAt", t => t.CreatedAt));

        builder.BindType<GoalNoteRow>("GoalNote", b => b
            .Field("id", n => n.Id)
            .Field("information", n => n.Information)
            .Field("updatedAt", n => n.UpdatedAt)
            .Field("createdAt", n => n.CreatedAt));

        builder.BindType<GoalConnectionPage>("GoalConnection", b => b
            .Field("edges", p => p.Edges.Select(e => new GoalEdge(e.Cursor, e.Goal)).ToList())
            .Field("pageInfo", p => p)
            .Field("totalCount", p => p.TotalCount));

        builder.BindType<GoalEdge>("GoalEdge", b => b
            .Field("cursor", e => e.Cursor)
            .Field("node", e => e.Node));

        builder.BindType<GoalConnectionPage>("PageInfo", b => b
            .Field("hasNextPage", p => p.HasNextPage)
            .Field("hasPreviousPage", _ => false)
            .Field("startCursor", p => p.Edges.Count == 0 ? null : p.Edges[0].Cursor)
            .Field("endCursor", p => p.Edges.Count == 0 ? null : p.Edges[^1].Cursor));
    }

    private static async ValueTask<object?> LoadTasksAsync(GoalRow goal, IResolverContext context)
    {
        var request = GoalsRequest.Of(context);
        return await request.UseCases.LoadGoalTasks.RunAsync(request, goal.Id) ?? [];
    }

    private static async ValueTask<object?> LoadNotesAsync(GoalRow goal, IResolverContext context)
    {
        var request = GoalsRequest.Of(context);
        return await request.UseCases.LoadGoalNotes.RunAsync(request, goal.Id) ?? [];
    }

    private sealed record GoalEdge(string Cursor, GoalRow Node);
}
