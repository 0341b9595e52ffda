using Microsoft.Extensions.Configuration;

namespace Goals.Data;

/// <summary>Configuration keys of the data layer.</summary>
public static class DatabaseConfiguration
{
    /// <summary>Connection string of an external database (env ConnectionStrings__Goals). Unset: private PostgreSQL.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Goals";
    public const string RootCertificateKey = "Database:RootCertificate";
    public const string ClientCertificateKey = "Database:ClientCertificate";
    public const string ClientKeyKey = "Database:ClientKey";
    public const string ApplicationNameKey = "Database:ApplicationName";
    public const string MaxPoolSizeKey = "Database:MaxPoolSize";
    /// <summary>Seconds after which a pooled connection is closed instead of reused (0: never).</summary>
    public const string ConnectionLifetimeKey = "Database:ConnectionLifetimeSeconds";
    /// <summary>Seconds an unused pooled connection is kept before it is closed.</summary>
    public const string ConnectionIdleLifetimeKey = "Database:ConnectionIdleLifetimeSeconds";
    /// <summary>Seconds between TCP keepalive probes on idle connections (0: off).</summary>
    public const string KeepaliveKey = "Database:KeepaliveSeconds";
    /// <summary>Seconds to wait for a new connection, or for a free one from the pool.</summary>
    public const string ConnectTimeoutKey = "Database:ConnectTimeoutSeconds";

    public static string? GetExternalConnectionString(IConfiguration configuration)
    {
        var value = configuration[ConnectionStringKey];
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
