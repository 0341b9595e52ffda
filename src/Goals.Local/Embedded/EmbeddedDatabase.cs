using Goals.Data;

namespace Goals.Local.Embedded;

/// <summary>
/// The database for a local run: <c>ConnectionStrings:Goals</c> when configured (any external
/// PostgreSQL or CockroachDB), otherwise a persistent private PostgreSQL in &lt;repo&gt;/.data/pg
/// that lives as long as this object (and dies with the process).
/// </summary>
public sealed class EmbeddedDatabase : IAsyncDisposable
{
    private EmbeddedDatabase(string connectionString, PrivatePostgres? server)
    {
        ConnectionString = connectionString;
        Server = server;
    }

    /// <summary>Where the persistent private PostgreSQL keeps its cluster (default: &lt;repo&gt;/.data/pg).</summary>
    public const string DataDirectoryKey = "Database:DataDirectory";

    public string ConnectionString { get; }

    /// <summary>The private server, or null when an external database is configured.</summary>
    public PrivatePostgres? Server { get; }

    public static async Task<EmbeddedDatabase> StartAsync(IConfiguration configuration, ILoggerFactory loggerFactory, CancellationToken ct = default)
    {
        var logger = loggerFactory.CreateLogger<EmbeddedDatabase>();
        if (DatabaseOptions.ConnectionString(configuration) is { } external)
        {
            logger.LogInformation("Using the database configured in {Key}", DatabaseOptions.ConnectionStringKey);
            return new EmbeddedDatabase(external, server: null);
        }

        var dataDirectory = DatabaseOptions.From(configuration).DataDirectory
            ?? Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), ".data", "pg");
        logger.LogInformation("{Key} is not set: starting a private PostgreSQL in {DataDirectory}", DatabaseOptions.ConnectionStringKey, dataDirectory);
        var server = await PrivatePostgres.StartPersistentAsync(dataDirectory, "goals", loggerFactory.CreateLogger<PrivatePostgres>(), ct);
        return new EmbeddedDatabase(server.ConnectionString, server);
    }

    /// <summary>A configuration overlay that sets <c>ConnectionStrings:Goals</c> to this database.</summary>
    public IConfiguration WithConnectionString(IConfiguration configuration) =>
        new ConfigurationBuilder()
            .AddConfiguration(configuration)
            .AddInMemoryCollection([new(DatabaseOptions.ConnectionStringKey, ConnectionString)])
            .Build();

    public ValueTask DisposeAsync() => Server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
