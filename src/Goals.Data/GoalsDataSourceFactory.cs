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

    public static GoalsDataSource Create(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var connectionString = DatabaseConfiguration.GetExternalConnectionString(configuration)
            ?? throw new InvalidOperationException($"{DatabaseConfiguration.ConnectionStringKey} is not set (start EmbeddedDatabase first for a local run).");
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

    private static bool MentionsMaxPoolSize(string connectionString) =>
        connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase);
}
