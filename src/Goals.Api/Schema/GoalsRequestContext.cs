using Goals.Api.Auth;
using Goals.Api.Data;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Execution;

namespace Goals.Api.Schema;

/// <summary>The UserContext of every GraphQL execution: who is asking and the request's database session.</summary>
public sealed class GoalsRequestContext(StudentContext student, GoalsStore store)
{
    public StudentContext Student { get; } = student;
    public GoalsStore Store { get; } = store;

    /// <summary>Children read inside a mutation's transaction for the goal in its payload.</summary>
    public PreloadedChildren Preloaded { get; } = new();
    /// <summary>Lets the executor flush every queued DataLoader statement of a round in one round trip.</summary>
    public void HookFlush(DataLoaderContext loaders) => loaders.AfterBatchesStarted ??= Store.Session.FlushAsync;

    public static GoalsRequestContext Of(IResolverContext context) =>
        context.UserContext as GoalsRequestContext
        ?? throw new InvalidOperationException("The GraphQL request was started without a GoalsRequestContext.");
}
