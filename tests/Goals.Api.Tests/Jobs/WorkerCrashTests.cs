using System.Diagnostics;
using System.Text;
using Goals.Api.Tests.Infrastructure;
using Npgsql;

namespace Goals.Api.Tests.Jobs;

/// <summary>
/// The `worker` verb as a real process: killed with SIGKILL in the middle of a 10,000-goal import, a second worker
/// takes the job over once the lease has run out, resumes after the last committed chunk, and every row exists
/// exactly once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WorkerCrashTests(DatabaseFixture database) : IAsyncLifetime
{
    private const int Goals = 10_000;
    private JobsHarness _jobs = null!;
    private readonly List<(Process Process, StringBuilder Output)> _workers = [];

    public async Task InitializeAsync() => _jobs = await JobsHarness.StartAsync(database);

    public async Task DisposeAsync()
    {
        foreach (var (process, _) in _workers)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }

        await _jobs.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_killed_mid_import_is_resumed_by_the_next_one_after_the_lease_and_every_row_exists_once()
    {
        var student = Guid.NewGuid();
        var uploadId = Guid.NewGuid();
        var upload = Path.Combine(_jobs.FilesDirectory, "uploads", student.ToString("D"), uploadId.ToString("D"));
        Directory.CreateDirectory(Path.GetDirectoryName(upload)!);
        await File.WriteAllTextAsync(upload, "{\"goals\":[\n" + string.Join(",\n", Enumerable.Range(0, Goals).Select(i =>
            $"{{\"goalType\":\"ACADEMIC\",\"title\":\"Goal {i:D5}\",\"tasks\":[{{\"information\":\"Task of {i}\"}}]}}")) + "\n]}");
        var job = await _jobs.StartAsync(_jobs.Token(student), "startImport", new { format = "JSON", uploadId });
        var jobId = Guid.Parse(job["id"]!.GetValue<string>());

        var first = StartWorker();
        await WaitUntilAsync(async () => await CountAsync("goals", student) > 0, first, "the first worker to commit a chunk");
        first.Process.Kill(); // SIGKILL: no cleanup, the lease stays until it expires
        await first.Process.WaitForExitAsync();
        var (status, attempts) = await JobStateAsync(student, jobId);
        var committed = await CountAsync("goals", student);
        Assert.Equal(("RUNNING", 1), (status, attempts));
        Assert.InRange(committed, 1, Goals - 1);

        var second = StartWorker();
        await WaitUntilAsync(async () => (await JobStateAsync(student, jobId)).Status == "SUCCEEDED", second, "the second worker to finish the job");

        Assert.Equal(Goals, await CountAsync("goals", student));
        Assert.Equal(Goals, await ScalarAsync("SELECT count(DISTINCT title) FROM goals WHERE student_id = @s", student));
        Assert.Equal(Goals, await CountAsync("goal_tasks", student));
        var done = (await _jobs.JobAsync(_jobs.Token(student), jobId.ToString()))!;
        Assert.Equal(2, done["attempts"]!.GetValue<int>());
        Assert.Equal(2 * Goals, done["importReport"]!["imported"]!.GetValue<int>());
        Assert.Equal(0, done["importReport"]!["alreadyPresent"]!.GetValue<int>()); // resumed exactly after the last committed chunk
        Assert.Equal(0, done["importReport"]!["rejected"]!.GetValue<int>());
    }

    private (Process Process, StringBuilder Output) StartWorker()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Goals.Local.dll"));
        info.ArgumentList.Add("worker");
        info.Environment["ConnectionStrings__Goals"] = database.ConnectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Jobs__FilesDirectory"] = _jobs.FilesDirectory;
        info.Environment["Jobs__LinkSigningKey"] = TestApi.SigningKey;
        info.Environment["Jobs__LeaseSeconds"] = "2";
        info.Environment["Jobs__ChunkRows"] = "200";
        info.Environment["Jobs__ChunkPauseMilliseconds"] = "20";
        info.Environment.Remove("Jobs__QueueUrl");
        var output = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _workers.Add((process, output));
        return (process, output);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, (Process Process, StringBuilder Output) worker, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            if (worker.Process.HasExited) break;
            await Task.Delay(25);
        }

        lock (worker.Output) Assert.Fail($"Waited in vain for {what}. Worker output:\n{worker.Output}");
    }

    private async Task<(string Status, int Attempts)> JobStateAsync(Guid student, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, attempts FROM jobs WHERE student_id = @s AND id = @j", connection);
        command.Parameters.AddWithValue("s", student);
        command.Parameters.AddWithValue("j", jobId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetInt32(1));
    }

    private Task<long> CountAsync(string table, Guid student) => ScalarAsync($"SELECT count(*) FROM {table} WHERE student_id = @s", student);

    private async Task<long> ScalarAsync(string sql, Guid student)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", student);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
