using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data;

/// <summary>Builds the one <see cref="GoalsDataSource"/> of the process from configuration.</summary>
public static class GoalsDataSourceFactory
{
    /// <summary>Statements kept prepared per connection (the app has a few dozen distinct ones).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>Runs of the same statement on a connection before it is prepared there.</summary>
    public const int AutoPrepareMinUsages = 2;

    public static GoalsDataSource Create(IConfiguration configuration, ILoggerFactory loggerFactory) =>
        Create(configuration, DatabaseOptions.From(configuration), loggerFactory);

    /// <summary>The data source of `ConnectionStrings:Goals` with <paramref name="options"/> applied.</summary>
    public static GoalsDataSource Create(IConfiguration configuration, DatabaseOptions options, ILoggerFactory loggerFactory)
    {
        var connectionString = DatabaseOptions.ConnectionString(configuration)
            ?? throw new InvalidOperationException($"{DatabaseOptions.ConnectionStringKey} is not set (a local run: Goals.Local starts a private PostgreSQL and sets it).");
        return Create(BuildConnectionString(connectionString, options), loggerFactory);
    }

    /// <summary>A data source for a ready connection string (tests, tools). Multi-host strings ("Host=a,b,c") work as is.</summary>
    public static GoalsDataSource Create(string connectionString, ILoggerFactory loggerFactory)
    {
        var builder = NewBuilder(connectionString);
        builder.UseLoggerFactory(loggerFactory);
        return new GoalsDataSource(builder.Build(), loggerFactory);
    }

    /// <summary>
    /// Npgsql with only what this code base uses (a smaller, trimmable Native AOT binary): the basic types (uuid, text,
    /// bool, int4/int8, float8, timestamptz; JSONB is cast to and from text in SQL), arrays of them (ANY(@ids),
    /// unnest bulk inserts, uuid[] results) and TLS (CockroachDB's verify-full).
    /// </summary>
    public static NpgsqlSlimDataSourceBuilder NewBuilder(string connectionString) =>
        new NpgsqlSlimDataSourceBuilder(connectionString).EnableArrays().EnableTransportSecurity();

    /// <summary>Applies the `Database` section of <paramref name="configuration"/> (bound and validated) to the connection string.</summary>
    public static string BuildConnectionString(string connectionString, IConfiguration configuration) =>
        BuildConnectionString(connectionString, DatabaseOptions.From(configuration));

    /// <summary>Applies TLS files, application name and pool defaults to the connection string.</summary>
    public static string BuildConnectionString(string connectionString, DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = options.ApplicationName is { Length: > 0 } name ? name : DatabaseOptions.DefaultApplicationName;
        }

        if (options.MaxPoolSize is { } maxPoolSize)
        {
            builder.MaxPoolSize = maxPoolSize;
        }
        else if (!MentionsMaxPoolSize(connectionString))
        {
            builder.MaxPoolSize = DatabaseOptions.DefaultMaxPoolSize;
        }
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);

        // No DISCARD ALL each time a connection goes back to the pool (one statement per request saved): nothing in this
        // code base changes session state — no SET/set_config, no temporary tables, no LISTEN; isolation is set per
        // transaction by BEGIN; the only per-session state is Npgsql's own auto-prepared statements (below), which a reset
        // would throw away. An open transaction is still rolled back by Npgsql when a connection is closed, whatever this
        // setting. "No Reset On Close=false" restores it.
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // Auto-prepare: a statement run twice on a connection is prepared there, so the server stops parsing and planning
        // it per request (peers bench, 2 cores: Q1 +13%, Q2 +26%, Q3 +14% req/s). Every statement lists its columns, so a
        // migration that adds a column cannot change a prepared statement's result type. "Max Auto Prepare=0" turns it off.
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        var npgsqlDefaults = new NpgsqlConnectionStringBuilder();
        builder.ConnectionLifetime = options.ConnectionLifetimeSeconds
            ?? (builder.ConnectionLifetime != npgsqlDefaults.ConnectionLifetime ? builder.ConnectionLifetime : DatabaseOptions.DefaultConnectionLifetimeSeconds);
        builder.ConnectionIdleLifetime = options.ConnectionIdleLifetimeSeconds
            ?? (builder.ConnectionIdleLifetime != npgsqlDefaults.ConnectionIdleLifetime ? builder.ConnectionIdleLifetime : DatabaseOptions.DefaultConnectionIdleLifetimeSeconds);
        builder.KeepAlive = options.KeepaliveSeconds
            ?? (builder.KeepAlive != npgsqlDefaults.KeepAlive ? builder.KeepAlive : DatabaseOptions.DefaultKeepaliveSeconds);
        builder.Timeout = options.ConnectTimeoutSeconds
            ?? (builder.Timeout != npgsqlDefaults.Timeout ? builder.Timeout : DatabaseOptions.DefaultConnectTimeoutSeconds);

        var rootCertificate = options.RootCertificate;
        var clientCertificate = options.ClientCertificate;
        var clientKey = options.ClientKey;
        if (!string.IsNullOrEmpty(rootCertificate))
        {
            builder.RootCertificate = rootCertificate;
            builder.SslMode = SslMode.VerifyFull;
        }
        if (!string.IsNullOrEmpty(clientCertificate))
        {
            builder.SslCertificate = clientCertificate;
            builder.SslKey = clientKey;
            builder.SslMode = SslMode.VerifyFull;
        }
        return builder.ConnectionString;
    }

    private static bool MentionsMaxPoolSize(string connectionString) =>
        connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase);
}
