using Goals.Data;

namespace Goals.Api.Cli;

/// <summary>Opens the database a verb works on: Goals.Api's is <see cref="DatabaseTarget.Configured"/>; Goals.Local's
/// falls back to the private PostgreSQL.</summary>
public delegate Task<DatabaseTarget> OpenDatabase(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct);

/// <param name="Lifetime">Disposed when the verb is done (a private server the caller started), or null.</param>
public sealed record DatabaseTarget(string ConnectionString, IAsyncDisposable? Lifetime = null) : IAsyncDisposable
{
    /// <summary>ConnectionStrings:Goals, nothing else (fail closed: no implicit local database).</summary>
    public static Task<DatabaseTarget> Configured(IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct) =>
        Task.FromResult(DatabaseOptions.ConnectionString(configuration) is { } connectionString
            ? new DatabaseTarget(connectionString)
            : throw new InvalidOperationException($"{DatabaseOptions.ConnectionStringKey} is not set (the database to use)."));

    public ValueTask DisposeAsync() => Lifetime?.DisposeAsync() ?? ValueTask.CompletedTask;
}
