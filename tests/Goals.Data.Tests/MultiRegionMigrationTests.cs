using Goals.Local.Embedded;
using Goals.Data.Migrations;
using Goals.Data.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Tests;

/// <summary>The multi-region migration is opt-in, CockroachDB-only, and leaves the normal sequence alone on PostgreSQL.</summary>
public sealed class MultiRegionMigrationTests : IAsyncLifetime, IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private string _connectionString = null!;

    public MultiRegionMigrationTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));

    public async Task InitializeAsync() =>
        _connectionString = await SharedDatabaseServer.CreateDatabaseAsync("t_multi_region", migrate: false);

    [Fact]
    public async Task On_PostgreSQL_it_is_refused_with_the_reason_before_any_statement_and_the_normal_sequence_still_applies()
    {
        var exitCode = await MultiRegionMigration.RunAsync(_connectionString, _loggerFactory.CreateLogger("migrate"), CancellationToken.None);

        Assert.Equal(MultiRegionMigration.Refused, exitCode);
        var refusal = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("applies only to a multi-region CockroachDB", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"));

        Assert.Equal(MigrationCommand.Success, await MigrationCommand.RunAsync(_connectionString, _loggerFactory.CreateLogger("migrate"), CancellationToken.None));
        Assert.Equal(MigrationSource.Embedded().Count, await ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM schema_migrations WHERE version >= 1000"));
    }

    [Fact]
    public void Multi_region_migrations_are_numbered_after_and_kept_out_of_the_normal_sequence()
    {
        var normal = MigrationSource.Embedded();
        var multiRegion = MigrationSource.EmbeddedMultiRegion();

        var migration = Assert.Single(multiRegion);
        Assert.True(migration.Version > normal.Max(m => m.Version));
        Assert.DoesNotContain(normal, m => m.Version == migration.Version);
        var tables = new[] { "goals", "goal_tasks", "goal_notes", "idempotency_keys", "jobs" };
        Assert.All(tables, t => Assert.Contains(migration.Statements, s => s.TrimEnd(';', ' ', '\n').EndsWith($"ALTER TABLE {t} SET LOCALITY REGIONAL BY ROW", StringComparison.Ordinal)));
    }

    public async Task DisposeAsync()
    {
        await SharedDatabaseServer.DropDatabaseAsync(_connectionString);
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _logs.Dispose();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
