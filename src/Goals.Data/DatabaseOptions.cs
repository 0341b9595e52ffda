using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Goals.Data;

/// <summary>
/// The `Database` section: TLS files, the application name and the pool of the one data source, applied on top of the
/// connection string `ConnectionStrings:Goals`. Unset values keep what the connection string says, else the defaults below.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The name under `ConnectionStrings` of the external database (env ConnectionStrings__Goals). Unset: private PostgreSQL.</summary>
    public const string ConnectionStringName = "Goals";
    public const string ConnectionStringKey = "ConnectionStrings:" + ConnectionStringName;

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

    /// <summary>CA certificate file: TLS with full verification of the server.</summary>
    public string? RootCertificate { get; set; }

    /// <summary>Client certificate and key files (mutual TLS, e.g. CockroachDB's client certs).</summary>
    public string? ClientCertificate { get; set; }
    public string? ClientKey { get; set; }

    /// <summary>Used when the connection string names none (default <see cref="DefaultApplicationName"/>).</summary>
    public string? ApplicationName { get; set; }

    /// <summary>Connections per process (default: the connection string's, else <see cref="DefaultMaxPoolSize"/>).</summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>Seconds after which a pooled connection is closed instead of reused (0: never).</summary>
    public int? ConnectionLifetimeSeconds { get; set; }

    /// <summary>Seconds an unused pooled connection is kept before it is closed.</summary>
    public int? ConnectionIdleLifetimeSeconds { get; set; }

    /// <summary>Seconds between TCP keepalive probes on idle connections (0: off).</summary>
    public int? KeepaliveSeconds { get; set; }

    /// <summary>Seconds to wait for a new connection, or for a free one from the pool.</summary>
    public int? ConnectTimeoutSeconds { get; set; }

    /// <summary>Local runs only: where the persistent private PostgreSQL keeps its cluster (default: &lt;repo&gt;/.data/pg).</summary>
    public string? DataDirectory { get; set; }

    public static string Key(string property) => $"{Section}:{property}";

    /// <summary>`ConnectionStrings:Goals`, or null when it is unset or blank.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The section bound and validated outside dependency injection (verbs and tools that build no host).</summary>
    /// <exception cref="OptionsValidationException">A value <see cref="DatabaseOptionsValidator"/> refuses.</exception>
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var result = new DatabaseOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(DatabaseOptions), result.Failures);
        return options;
    }
}
