using Goals.Api.Auth;
using Goals.Data.Sessions;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Execution;

namespace Goals.Api.UseCases;

/// <summary>
/// One GraphQL request's unit of work, and the UserContext of its execution: who is asking, the request's
/// <see cref="DbSession"/> (one connection at most; queued statements go out as ONE batch on flush), its DataLoaders,
/// the children a mutation preloaded inside its transaction, and the use cases. The HTTP handler opens it
/// (<see cref="GoalsRequestFactory.Open"/>) and disposes it only after the executor has settled every resolver it
/// started; disposing it ends the session (see <see cref="DbSession.DisposeAsync"/>).
/// </summary>
public sealed class GoalsRequest(StudentContext student, DbSession session, GoalsUseCases useCases) : IAsyncDisposable
{
    public StudentContext Student { get; } = student;
    public DbSession Session { get; } = session;
    public GoalsUseCases UseCases { get; } = useCases;

    /// <summary>The request's DataLoaders; the executor dispatches them by rounds.</summary>
    public DataLoaderContext DataLoaders { get; } = new();

    /// <summary>Children read inside a mutation's transaction for the goal in its payload.</summary>
    public PreloadedChildren Preloaded { get; } = new();

    /// <summary>Lets the executor flush every queued DataLoader statement of a round in one round trip.</summary>
    public void HookFlush() => DataLoaders.AfterBatchesStarted ??= Session.FlushAsync;

    public ValueTask DisposeAsync() => Session.DisposeAsync();

    public static GoalsRequest Of(IResolverContext context) =>
        context.UserContext as GoalsRequest
        ?? throw new InvalidOperationException("The GraphQL request was started without a GoalsRequest.");
}
