using Goals.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Goals.Local.Embedded;

/// <summary>
/// For test runs and benchmarks: one database server per process — ConnectionStrings__Goals when set
/// (e.g. a CockroachDB cluster), else a throwaway private PostgreSQL started on first use and stopped
/// at process exit (the kernel stops it too if the process dies) — and a fresh database per caller.
/// </summary>
public static class SharedDatabaseServer
{
    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);

    /// <summary>Creates a uniquely named database (optionally migrated); returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, bool migrate = true, CancellationToken ct = default)
    {
        var server = await Shared.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await server.ExecuteAsync($"CREATE DATABASE {PrivatePostgres.QuoteIdentifier(name)}", ct);
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        if (migrate)
        {
            await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 3 }.ConnectionString);
            await new MigrationRunner(dataSource, NullLogger.Instance).ApplyAsync(MigrationSource.Embedded(), ct);
        }
        return connectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        var server = await Shared.Value;
        var name = PrivatePostgres.QuoteIdentifier(new NpgsqlConnectionStringBuilder(connectionString).Database!);
        NpgsqlConnection.ClearAllPools();
        await server.ExecuteAsync(server.IsCockroach ? $"DROP DATABASE IF EXISTS {name} CASCADE" : $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", ct);
    }

    private static async Task<Server> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__Goals");
        if (!string.IsNullOrWhiteSpace(external))
        {
            var version = (string?)await new Server(external, false).ScalarAsync("SELECT version()", CancellationToken.None) ?? "";
            return new Server(external, version.Contains("CockroachDB", StringComparison.OrdinalIgnoreCase));
        }
        var postgres = await PrivatePostgres.StartThrowawayAsync("postgres");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => postgres.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new Server(postgres.ConnectionString, false);
    }

    private sealed class Server(string connectionString, bool isCockroach)
    {
        public string ConnectionString { get; } = connectionString;
        public bool IsCockroach { get; } = isCockroach;

        public async Task ExecuteAsync(string sql, CancellationToken ct)
        {
            await ScalarAsync(sql, ct);
        }

        public async Task<object?> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync(ct);
        }
    }
}
