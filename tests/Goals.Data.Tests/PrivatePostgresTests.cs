using Goals.Local.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Goals.Data.Tests;

// Each cluster costs an initdb (seconds on a busy machine), so these tests check several things per cluster.
public sealed class PrivatePostgresTests
{
    [Fact]
    public async Task Throwaway_server_reaps_a_dead_runs_leftovers_serves_queries_and_leaves_nothing_behind()
    {
        await using var leftover = await PrivatePostgres.StartThrowawayAsync("leftover");
        var leftoverPid = leftover.ProcessId!.Value;
        var leftoverRoot = Path.GetDirectoryName(leftover.DataDirectory)!;
        // Pretend the run that started it died: its owner file now names a process that does not exist.
        await File.WriteAllTextAsync(Path.Combine(leftoverRoot, "owner"), "999999 1");

        int pid;
        string dataDirectory;
        await using (var server = await PrivatePostgres.StartThrowawayAsync("smoke"))
        {
            Assert.False(ProcessIsAlive(leftoverPid), "the orphaned server of a dead run must be stopped");
            Assert.False(Directory.Exists(leftoverRoot), "the orphaned cluster of a dead run must be deleted");

            pid = server.ProcessId!.Value;
            dataDirectory = server.DataDirectory;
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database() || ' ' || current_setting('fsync') || ' ' || current_setting('listen_addresses')", connection);
            Assert.Equal("smoke off 127.0.0.1", await command.ExecuteScalarAsync());
            Assert.True(ProcessIsAlive(pid));
        }

        Assert.False(ProcessIsAlive(pid), "postgres must be stopped after dispose");
        Assert.False(Directory.Exists(dataDirectory), "throwaway cluster must be deleted after dispose");
    }

    [Fact]
    public async Task Persistent_server_keeps_data_between_runs_and_survives_a_stale_pid_file()
    {
        var dir = Path.Combine(PrivatePostgresOptions.ThrowawayRoot, "persistent-test-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var first = await PrivatePostgres.StartPersistentAsync(dir, "goals"))
            {
                await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)");
            }

            // A crashed run leaves postmaster.pid behind, pointing at a pid that no longer runs postgres.
            await File.WriteAllTextAsync(Path.Combine(dir, "postmaster.pid"), "999999\n" + dir + "\n0\n5432\n");

            // The local run's entry point: no ConnectionStrings:Goals, so the persistent private server.
            var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Database:DataDirectory", dir)]).Build();
            int pid;
            await using (var second = await EmbeddedDatabase.StartAsync(configuration, NullLoggerFactory.Instance))
            {
                pid = second.Server!.ProcessId!.Value;
                await using var connection = new NpgsqlConnection(second.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT v FROM kept", connection);
                Assert.Equal(42, await command.ExecuteScalarAsync());
            }
            Assert.False(ProcessIsAlive(pid), "postgres must be stopped after dispose");
            Assert.True(File.Exists(Path.Combine(dir, "PG_VERSION")), "a persistent cluster is kept");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static bool ProcessIsAlive(int pid)
    {
        try
        {
            // A zombie still has /proc/<pid>; look at its state.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
