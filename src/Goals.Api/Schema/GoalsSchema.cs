using System.Security.Cryptography;
using System.Text;
using Goals.Api.Data;
using Goals.Data.Repositories;
using Goals.GraphQL;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;

namespace Goals.Api.Schema;

/// <summary>
/// Builds the executable schema from the embedded schema/goals.graphql and binds every field.
/// Authorization lives in ONE place: every root field is bound through <see cref="Authorized"/>, which resolves the
/// caller's student id (UNAUTHENTICATED otherwise); every statement below it is filtered by that id, so another
/// student's ids simply are not found (NOT_FOUND). Goal.tasks / Goal.notes always go through DataLoaders keyed by goal id.
/// </summary>
public static class GoalsSchema
{
    public const string ResourceName = "goals.graphql";

    public static string LoadSdl()
    {
        using var stream = typeof(GoalsSchema).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static Goals.GraphQL.Types.Schema Build()
    {
        var builder = new SchemaBuilder()
            .AddTypeDefinitions(LoadSdl())
            .AddScalar(new UuidScalar())
            .AddScalar(new DateTimeScalar());

        BindQuery(builder);
        GoalMutations.Bind(builder);
        TaskAndNoteMutations.Bind(builder);
        JobFields.Bind(builder);
        BindObjects(builder);
        return builder.Build();
    }

    /// <summary>The single authorization layer: the student id or UNAUTHENTICATED, before any resolver body runs.
    /// Data-layer failures become client errors in one place, <see cref="DataErrors"/>.</summary>
    internal static FieldResolver Authorized(Func<IResolverContext, GoalsRequestContext, Guid, Task<object?>> body) =>
        context =>
        {
            var request = GoalsRequestContext.Of(context);
            var studentId = request.Student.RequireStudentId();
            return new ValueTask<object?>(body(context, request, studentId));
        };

    internal static GraphQLException NotFound(string what, Guid id, string? field = null)
    {
        var extensions = new Dictionary<string, object?> { ["id"] = id.ToString("D") };
        if (field is not null) extensions["field"] = field;
        return new GraphQLException($"{what} {id:D} was not found.", ErrorCodes.NotFound, extensions);
    }

    /// <summary>A stable fingerprint of a create input: the same idempotency key with a different input is a CONFLICT.</summary>
    internal static string Fingerprint(string operation, params object?[] parts)
    {
        var text = string.Join("\u001f", parts.Select(p => p switch
        {
            null => "\u0000",
            DateTimeOffset d => d.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => p.ToString(),
        }));
        return operation + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Replays an idempotent create, or returns null when the key is new.</summary>
    internal static async Task<Guid?> ReplayedIdAsync(GoalsStore store, Guid studentId, string? key, string fingerprint, string field,
        CancellationToken ct)
    {
        if (key is null) return null;
        try
        {
            return await store.FindIdempotencyKeyAsync(studentId, key, fingerprint, ct);
        }
        catch (IdempotencyKeyReusedException)
        {
            throw new GraphQLException("This idempotency key was already used for a different request.", ErrorCodes.Conflict,
                new Dictionary<string, object?> { ["field"] = field });
        }
    }

    private static void BindQuery(SchemaBuilder builder)
    {
        builder.BindField("Query", "goals", Authorized(async (context, request, studentId) =>
        {
            // The goals and every child list the query asks for go out in ONE batch: the children are selected by
            // student (all goals) or by the goal id, both known before the goals are read.
            Guid? goalId = context.Arguments.TryGetValue("goalId", out var raw) && raw is Guid id ? id : null;
            var withTasks = context.Selects("tasks");
            var withNotes = context.Selects("notes");
            var tree = await request.Store.LoadGoalTreeAsync(studentId, goalId, SelectedGoalColumns(context), withTasks, withNotes,
                context.CancellationToken);
            if (goalId is { } wanted && tree.Goals.Count == 0) throw NotFound("Goal", wanted, "goalId");
            foreach (var goal in tree.Goals)
            {
                if (tree.Tasks is { } tasks) request.Preloaded.SetTasks(goal.Id, tasks.GetValueOrDefault(goal.Id) ?? []);
                if (tree.Notes is { } notes) request.Preloaded.SetNotes(goal.Id, notes.GetValueOrDefault(goal.Id) ?? []);
            }

            return tree.Goals;
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
            try
            {
                return await request.Store.PageGoalsAsync(studentId,
                    new GoalListQuery { First = first, After = after, GoalType = filter.GoalType("goalType"), Complete = filter.Bool("complete"), Sort = sort },
                    context.CancellationToken);
            }
            catch (InvalidCursorException ex)
            {
                throw InputReader.Validation("after", ex.Message);
            }
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

    private static void BindObjects(SchemaBuilder builder)
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
        var request = GoalsRequestContext.Of(context);
        if (request.Preloaded.TasksOf(goal.Id) is { } preloaded) return preloaded;
        var studentId = request.Student.RequireStudentId();
        var loader = context.DataLoaders.GetOrAdd<Guid, IReadOnlyList<GoalTaskRow>>("Goal.tasks",
            (goalIds, _) => request.Store.EnqueueTasksByGoalIds(studentId, goalIds));
        request.HookFlush(context.DataLoaders);
        return await loader.LoadAsync(goal.Id) ?? [];
    }

    private static async ValueTask<object?> LoadNotesAsync(GoalRow goal, IResolverContext context)
    {
        var request = GoalsRequestContext.Of(context);
        if (request.Preloaded.NotesOf(goal.Id) is { } preloaded) return preloaded;
        var studentId = request.Student.RequireStudentId();
        var loader = context.DataLoaders.GetOrAdd<Guid, IReadOnlyList<GoalNoteRow>>("Goal.notes",
            (goalIds, _) => request.Store.EnqueueNotesByGoalIds(studentId, goalIds));
        request.HookFlush(context.DataLoaders);
        return await loader.LoadAsync(goal.Id) ?? [];
    }

    private sealed record GoalEdge(string Cursor, GoalRow Node);
}
