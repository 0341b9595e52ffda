using Goals.Local;
using Goals.Local.Embedded;
using Goals.Data.Migrations;
using Goals.Data.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Goals.Data.Tests;

public sealed class MigrationTests : IAsyncLifetime, IDisposable
{
    private readonly List<string> _databases = [];
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public MigrationTests() => _loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));

    private static string SchemaDirectory => Path.Combine(RepositoryRoot.Find()!, "schema", "migrations");

    private async Task<string> NewDatabaseAsync()
    {
        var connectionString = await SharedDatabaseServer.CreateDatabaseAsync("t_migrations", migrate: false);
        _databases.Add(connectionString);
        return connectionString;
    }

    private ILogger Logger => _loggerFactory.CreateLogger("migrate");

    [Fact]
    public async Task Fresh_apply_creates_the_schema_and_a_rerun_is_a_no_op()
    {
        var connectionString = await NewDatabaseAsync();

        Assert.Equal(0, await MigrationCommand.RunAsync(connectionString, Logger, CancellationToken.None));
        var applied = await AppliedAsync(connectionString);
        Assert.Equal(MigrationSource.Embedded().Select(m => (m.Version, m.Checksum)), applied.Select(a => (a.Version, a.Checksum)));
        foreach (var table in new[] { "goals", "goal_tasks", "goal_notes", "idempotency_keys", "jobs" })
        {
            Assert.Equal(1L, await ScalarAsync<long>(connectionString, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'"));
        }

        Assert.Equal(0, await MigrationCommand.RunAsync(connectionString, Logger, CancellationToken.None));
        Assert.Equal(applied, await AppliedAsync(connectionString));
        Assert.Contains(_logs.Entries, e => e.Message.Contains("up to date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_edited_applied_file_is_refused_with_a_clear_message()
    {
        var connectionString = await NewDatabaseAsync();
        var directory = Directory.CreateTempSubdirectory("goals-migrations-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(SchemaDirectory, "*.sql"))
            {
                File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
            }
            Assert.Equal(0, await MigrationCommand.RunAsync(connectionString, directory, Logger, CancellationToken.None));

            await File.AppendAllTextAsync(Path.Combine(directory, "0002_goal_tasks.sql"), "\n-- an innocent-looking edit\n");
            var exitCode = await MigrationCommand.RunAsync(connectionString, directory, Logger, CancellationToken.None);

            Assert.NotEqual(0, exitCode);
            Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("0002_goal_tasks", StringComparison.Ordinal) && e.Message.Contains("edited", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Concurrent_runners_both_succeed_and_apply_each_file_once()
    {
        var connectionString = await NewDatabaseAsync();
        var runners = Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrationCommand.RunAsync(connectionString, Logger, CancellationToken.None)));

        var exitCodes = await Task.WhenAll(runners);
        Assert.True(exitCodes.All(c => c == 0), string.Join("\n", _logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message)));

        Assert.Equal(MigrationSource.Embedded().Count, (await AppliedAsync(connectionString)).Count);
        // Each file was applied by exactly one runner; the others found it recorded.
        var appliedLogs = _logs.Entries.Where(e => e.Message.StartsWith("Applied migration", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Equal(appliedLogs.Distinct().Count(), appliedLogs.Count);
        Assert.Equal(MigrationSource.Embedded().Count, appliedLogs.Count);
    }

    [Fact]
    public async Task A_half_applied_file_is_resumed()
    {
        var connectionString = await NewDatabaseAsync();
        // As if a runner died after the first statement of 0001 (no schema_migrations row yet).
        var first = MigrationSource.Embedded()[0].Statements[0];
        await ExecuteAsync(connectionString, first);

        Assert.Equal(0, await MigrationCommand.RunAsync(connectionString, Logger, CancellationToken.None));
        Assert.Equal(MigrationSource.Embedded().Count, (await AppliedAsync(connectionString)).Count);
    }

    [Fact]
    public void Embedded_migrations_match_the_schema_directory()
    {
        Assert.Equal(
            MigrationSource.FromDirectory(SchemaDirectory).Select(m => (m.Version, m.Name, m.Checksum)),
            MigrationSource.Embedded().Select(m => (m.Version, m.Name, m.Checksum)));
        // Portability rules for CockroachDB: no SERIAL, triggers or PL/pgSQL in migrations.
        var code = MigrationSource.Embedded().SelectMany(m => m.Sql.Split('\n')).Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal));
        Assert.All(code, line =>
        {
            Assert.DoesNotContain("SERIAL", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("TRIGGER", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("plpgsql", line, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void Statements_split_on_top_level_semicolons_only()
    {
        const string sql = """
            -- leading comment; not a statement
            CREATE TABLE a (v TEXT DEFAULT 'x;y''z');
            /* block; /* nested; */ still comment; */
            INSERT INTO "we;ird" VALUES (E'it\'s;', $$dollar;body$$, $tag$ a;b $tag$);

            SELECT 1 -- trailing; comment
            """;
        var statements = SqlStatementSplitter.Split(sql);
        Assert.Equal(3, statements.Count);
        Assert.EndsWith("DEFAULT 'x;y''z')", statements[0], StringComparison.Ordinal);
        Assert.EndsWith("$tag$ a;b $tag$)", statements[1], StringComparison.Ordinal);
        Assert.StartsWith("SELECT 1", statements[2], StringComparison.Ordinal);
    }

    private static async Task<List<(int Version, string Checksum, DateTime AppliedAt)>> AppliedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, DateTime)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2)));
        }
        return rows;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await SharedDatabaseServer.DropDatabaseAsync(database);
        }
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _logs.Dispose();
    }
}
