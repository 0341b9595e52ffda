using Goals.Data.Embedded;
using Npgsql;

namespace Goals.Data.Tests.Infrastructure;

/// <summary>
/// The one database server of this test run: ConnectionStrings__Goals when set (e.g. a CockroachDB
/// cluster), else a throwaway private PostgreSQL started once for the whole assembly and stopped at
/// process exit (and killed by the kernel with us if the run dies: see PrivatePostgres).
/// Each fixture gets its own database on it.
/// </summary>
internal static class TestServer
{
    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var server = await Shared.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await server.ExecuteAsync($"CREATE DATABASE {PrivatePostgres.QuoteIdentifier(name)}");
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = await Shared.Value;
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await server.ExecuteAsync(server.IsCockroach
            ? $"DROP DATABASE IF EXISTS {PrivatePostgres.QuoteIdentifier(name)} CASCADE"
            : $"DROP DATABASE IF EXISTS {PrivatePostgres.QuoteIdentifier(name)} WITH (FORCE)");
    }

    private static async Task<Server> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("ConnectionStrings__Goals");
        if (!string.IsNullOrWhiteSpace(external))
        {
            var server = new Server(external, null);
            server.IsCockroach = ((string?)await server.ScalarAsync("SELECT version()"))?.Contains("CockroachDB", StringComparison.OrdinalIgnoreCase) == true;
            return server;
        }
        var postgres = await PrivatePostgres.StartThrowawayAsync("postgres");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => postgres.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new Server(postgres.ConnectionString, postgres);
    }

    private sealed class Server(string connectionString, PrivatePostgres? postgres)
    {
        public string ConnectionString { get; } = connectionString;
        public PrivatePostgres? Postgres { get; } = postgres;
        public bool IsCockroach { get; set; }

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async Task<object?> ScalarAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }
    }
}
