using Goals.Local.Embedded;
using Goals.Data.Sessions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Tests.Infrastructure;

/// <summary>A fresh, migrated database per test class on the shared test server.</summary>
public sealed class DatabaseFixture : IAsyncLifetime, IDisposable
{
    public string ConnectionString { get; private set; } = "";
    public GoalsDataSource DataSource { get; private set; } = null!;
    public CapturingLoggerProvider Logs { get; } = new();
    private ILoggerFactory? _loggerFactory;

    public async Task InitializeAsync()
    {
        var created = await SharedDatabaseServer.CreateDatabaseAsync("t_" + GetType().Name.Replace("Fixture", "", StringComparison.Ordinal).ToLowerInvariant());
        // Concurrency tests need more than the Lambda default of 2 connections.
        ConnectionString = new NpgsqlConnectionStringBuilder(created) { MaxPoolSize = 30 }.ConnectionString;
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        DataSource = GoalsDataSourceFactory.Create(ConnectionString, _loggerFactory);
    }

    public DbSession OpenSession() => DataSource.OpenSession();

    /// <summary>
    /// Tests that inject failures with PL/pgSQL, constraint triggers or pg_terminate_backend, or assert
    /// PostgreSQL's restart protocol, return early (pass vacuously) when run against CockroachDB.
    /// </summary>
    public async Task<bool> IsCockroachAsync() => await DataSource.GetEngineAsync() == DatabaseEngine.CockroachDB;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await DataSource.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await DataSource.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await SharedDatabaseServer.DropDatabaseAsync(ConnectionString);
    }

    public void Dispose()
    {
        _loggerFactory?.Dispose();
        Logs.Dispose();
    }
}
