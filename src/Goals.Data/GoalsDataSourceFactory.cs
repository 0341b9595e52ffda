using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data;

/// <summary>Builds the one <see cref="GoalsDataSource"/> of the process from configuration.</summary>
public static class GoalsDataSourceFactory
{
    public const string DefaultApplicationName = "goals-api";

    /// <summary>Lambda runs one request at a time per instance: a tiny pool keeps the cluster's connection count sane.</summary>
    public const int DefaultMaxPoolSize = 2;

    /// <summary>
    /// Recycle connections well before a network load balancer's idle timeout (AWS NLB: 350 s) or a spot node's
    /// reclamation can drop them under us: Npgsql checks the lifetime whenever a connection is taken from the pool,
    /// which also holds in Lambda, where the pool's pruning timer does not run while the instance is frozen.
    /// </summary>
    public const int DefaultConnectionLifetimeSeconds = 300;
    public const int DefaultConnectionIdleLifetimeSeconds = 60;
    public const int DefaultKeepaliveSeconds = 30;

    /// <summary>A database that cannot be reached answers SERVICE_UNAVAILABLE in seconds, not after Npgsql's 15.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    public static GoalsDataSource Create(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var connectionString = DatabaseConfiguration.GetExternalConnectionString(configuration)
            ?? throw new InvalidOperationException($"{DatabaseConfiguration.ConnectionStringKey} is not set (a local run: Goals.Local starts a private PostgreSQL and sets it).");
        return Create(BuildConnectionString(connectionString, configuration), loggerFactory);
    }

    /// <summary>A data source for a ready connection string (tests, tools). Multi-host strings ("Host=a,b,c") work as is.</summary>
    public static GoalsDataSource Create(string connectionString, ILoggerFactory loggerFactory)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseLoggerFactory(loggerFactory);
        return new GoalsDataSource(builder.Build(), loggerFactory);
    }

    /// <summary>Applies TLS files, application name and pool defaults from configuration to the connection string.</summary>
    public static string BuildConnectionString(string connectionString, IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = configuration[DatabaseConfiguration.ApplicationNameKey] ?? DefaultApplicationName;
        }

        if (int.TryParse(configuration[DatabaseConfiguration.MaxPoolSizeKey], out var maxPoolSize))
        {
            builder.MaxPoolSize = maxPoolSize;
        }
        else if (!MentionsMaxPoolSize(connectionString))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);

        // No DISCARD ALL each time a connection goes back to the pool (one statement per request saved): nothing in this
        // code base changes session state — no SET/set_config, no prepared statements (Npgsql's auto-prepare is off),
        // no temporary tables, no LISTEN; isolation is set per transaction by BEGIN. An open transaction is still rolled
        // back by Npgsql when a connection is closed, whatever this setting. "No Reset On Close=false" restores it.
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        var npgsqlDefaults = new NpgsqlConnectionStringBuilder();
        builder.ConnectionLifetime = Seconds(configuration[DatabaseConfiguration.ConnectionLifetimeKey], DatabaseConfiguration.ConnectionLifetimeKey,
            builder.ConnectionLifetime != npgsqlDefaults.ConnectionLifetime ? builder.ConnectionLifetime : DefaultConnectionLifetimeSeconds);
        builder.ConnectionIdleLifetime = Seconds(configuration[DatabaseConfiguration.ConnectionIdleLifetimeKey], DatabaseConfiguration.ConnectionIdleLifetimeKey,
            builder.ConnectionIdleLifetime != npgsqlDefaults.ConnectionIdleLifetime ? builder.ConnectionIdleLifetime : DefaultConnectionIdleLifetimeSeconds);
        builder.KeepAlive = Seconds(configuration[DatabaseConfiguration.KeepaliveKey], DatabaseConfiguration.KeepaliveKey,
            builder.KeepAlive != npgsqlDefaults.KeepAlive ? builder.KeepAlive : DefaultKeepaliveSeconds);
        builder.Timeout = Seconds(configuration[DatabaseConfiguration.ConnectTimeoutKey], DatabaseConfiguration.ConnectTimeoutKey,
            builder.Timeout != npgsqlDefaults.Timeout ? builder.Timeout : DefaultConnectTimeoutSeconds);

        var rootCertificate = configuration[DatabaseConfiguration.RootCertificateKey];
        var clientCertificate = configuration[DatabaseConfiguration.ClientCertificateKey];
        var clientKey = configuration[DatabaseConfiguration.ClientKeyKey];
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

    private static int Seconds(string? text, string key, int fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, out var value) && value >= 0
            ? value
            : throw new InvalidOperationException($"{key} must be a whole number of seconds (0 or more), not '{text}'.");
    }

    private static bool MentionsMaxPoolSize(string connectionString) =>
        connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase);
}
