using Goals.Api.UseCases.Goals;
using Goals.Data.Repositories;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using static Goals.Api.Schema.Authorization;

namespace Goals.Api.Schema;

/// <summary>Query.goals and Query.goalsConnection.</summary>
internal static class QueryFields
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.BindField("Query", "goals", Authorized(async (context, request, studentId) =>
        {
            Guid? goalId = context.Arguments.TryGetValue("goalId", out var raw) && raw is Guid id ? id : null;
            return await request.UseCases.LoadGoalTree.RunAsync(request, studentId,
                new LoadGoalTree.Input(goalId, SelectedGoalColumns(context), context.Selects("tasks"), context.Selects("notes")),
                context.CancellationToken);
        }));

        builder.BindField("Query", "goalsConnection", Authorized(async (context, request, studentId) =>
        {
            var first = context.Arguments.TryGetValue("first", out var f) && f is int n ? n : 20;
            if (first is < 1 or > 100) throw InputReader.Validation("first", "first must be between 1 and 100.");
            var after = context.Arguments.TryGetValue("after", out var a) ? a as string : null;
            var filter = new InputReader(
                context.Arguments.TryGetValue("filter", out var fl) && fl is IReadOnlyDictionary<string, object?> d ? d : new Dictionary<string, object?>(),
                "filter");
            var sort = context.Arguments.TryGetValue("orderBy", out var o) && o as string == "DUE_AT" ? GoalSort.DueAtAscending : GoalSort.CreatedAtDescending;
            return await request.UseCases.PageGoals.RunAsync(request, studentId,
                new GoalListQuery { First = first, After = after, GoalType = filter.GoalType("goalType"), Complete = filter.Bool("complete"), Sort = sort },
                context.CancellationToken);
        }));
    }

    private static readonly (string Field, GoalColumns Column)[] GoalFieldColumns =
    [
        ("goalType", GoalColumns.GoalType), ("title", GoalColumns.Title), ("information", GoalColumns.Information),
        ("complete", GoalColumns.Complete), ("dueAt", GoalColumns.DueAt), ("color", GoalColumns.Color),
        ("createdAt", GoalColumns.CreatedAt), ("updatedAt", GoalColumns.UpdatedAt),
    ];

    /// <summary>The goal columns the query reads (conservative: a field under any fragment counts).</summary>
    private static GoalColumns SelectedGoalColumns(IResolverContext context)
    {
        var columns = GoalColumns.Id;
        foreach (var (field, column) in GoalFieldColumns)
            if (context.Selects(field)) columns |= column;
        return columns;
    }
}
