namespace Goals.Lambda.Hosting;

/// <summary>
/// Work to do during Lambda's init phase (before the first invocation), timed and logged by name,
/// e.g. building the GraphQL schema or opening the first database connection. Register as singletons;
/// they run in registration order after the host has started. A throw fails init (reported to /init/error).
/// </summary>
public sealed record LambdaInitStep(string Name, Func<IServiceProvider, CancellationToken, Task> RunAsync);
