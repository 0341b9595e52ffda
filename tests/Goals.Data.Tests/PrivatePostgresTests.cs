using Goals.Data.Embedded;
using Npgsql;

namespace Goals.Data.Tests;

public sealed class PrivatePostgresTests
{
    [Fact]
    public async Task Throwaway_server_starts_serves_queries_and_leaves_nothing_behind()
    {
        int pid;
        string dataDirectory;
        await using (var server = await PrivatePostgres.StartThrowawayAsync("smoke"))
        {
            pid = server.ProcessId!.Value;
            dataDirectory = server.DataDirectory;
            await using var connection = new NpgsqlConnection(server.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database()", connection);
            Assert.Equal("smoke", await command.ExecuteScalarAsync());
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
            await using (var first = await PrivatePostgres.StartPersistentAsync(dir, "keep"))
            {
                await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (v INT); INSERT INTO kept VALUES (42)");
            }

            // A crashed run leaves postmaster.pid behind, pointing at a pid that no longer runs postgres.
            await File.WriteAllTextAsync(Path.Combine(dir, "postmaster.pid"), "999999\n" + dir + "\n0\n5432\n");

            await using var second = await PrivatePostgres.StartPersistentAsync(dir, "keep");
            await using var connection = new NpgsqlConnection(second.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT v FROM kept", connection);
            Assert.Equal(42, await command.ExecuteScalarAsync());
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
