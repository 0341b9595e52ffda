using System.Text.Json.Nodes;
using Goals.Api.Jobs;
using Goals.Api.Tests.Infrastructure;
using Goals.Data;
using Goals.Data.Jobs;
using Goals.Data.Transactions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Goals.Api.Tests.Jobs;

/// <summary>
/// cancelJob on a RUNNING job: the work stops at its next chunk (an export at its next page of goals), the job ends
/// CANCELLED (never SUCCEEDED or FAILED after the cancel), and a cancelled export leaves no file behind. Chunks are
/// slowed by Jobs:ChunkPauseMilliseconds so the cancel really lands in the middle.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CancelRunningJobTests(DatabaseFixture database) : IAsyncLifetime
{
    private JobsHarness _jobs = null!;

    public async Task InitializeAsync() => _jobs = await JobsHarness.StartAsync(database, new Dictionary<string, string?>
    {
        ["ChunkPauseMilliseconds"] = "2000", // generous: a loaded machine must still land the cancel mid-file
    }, services =>
    {
        services.AddSingleton<CancelledAtTheEndKind>();
        services.AddSingleton<IJobKind>(sp => sp.GetRequiredService<CancelledAtTheEndKind>());
    });

    public async Task DisposeAsync() => await _jobs.DisposeAsync();

    [Theory]
    [InlineData("JSON")]
    [InlineData("CSV")]
    public async Task A_running_export_cancelled_mid_file_ends_CANCELLED_with_no_file_stored_or_left_in_temp(string format)
    {
        var student = Guid.NewGuid();
        await SeedAsync(student, goals: 5000); // three pages of goals (2000, 2000, 1000), each followed by a 2 s pause
        var token = _jobs.Token(student);
        var job = await _jobs.StartAsync(token, "startExport", new { format });
        var id = job["id"]!.GetValue<string>();

        var (cancelled, finished) = await CancelWhenRunningAsync(token, id, j => Task.FromResult(j["progress"]!["done"]!.GetValue<double>() > 0));
        Assert.Equal("RUNNING", cancelled["status"]!.GetValue<string>());
        Assert.True(finished["status"]!.GetValue<string>() == "CANCELLED", finished.ToJsonString());
        Assert.InRange(finished["progress"]!["done"]!.GetValue<double>(), 1, 10_000 - 1); // stopped mid-file
        Assert.Null(finished["download"]);
        Assert.Null(finished["error"]);
        var exports = Path.Combine(_jobs.FilesDirectory, "exports", student.ToString("D"));
        Assert.False(Directory.Exists(exports) && Directory.EnumerateFiles(exports).Any());
        Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), $"goals-export-{Guid.Parse(id):N}-*"));
    }

    [Fact]
    public async Task A_running_import_cancelled_mid_file_stops_at_its_next_chunk_and_is_not_resumed()
    {
        var student = Guid.NewGuid();
        var token = _jobs.Token(student);
        var content = "{\"goals\":[\n" + string.Join(",\n", Enumerable.Range(0, 60).Select(i =>
            $"{{\"goalType\":\"ACADEMIC\",\"title\":\"Goal {i}\",\"tasks\":[{{\"information\":\"Task of {i}\"}}]}}")) + "\n]}";
        var job = await _jobs.StartAsync(token, "startImport", new { format = "JSON", content });
        var id = job["id"]!.GetValue<string>();

        var (_, finished) = await CancelWhenRunningAsync(token, id, async _ => await CountAsync("goals", student) > 0);
        Assert.True(finished["status"]!.GetValue<string>() == "CANCELLED", finished.ToJsonString());
        var goals = await CountAsync("goals", student);
        Assert.InRange(goals, 1, 59); // chunks of 7 rows: 4 goals with their task each
        Assert.Equal(0, await _jobs.DrainAsync());
        Assert.Equal(goals, await CountAsync("goals", student));
        Assert.Equal(1, (await _jobs.JobAsync(token, id))!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_running_erase_cancelled_mid_way_ends_CANCELLED_with_the_rest_of_the_data_kept()
    {
        var student = Guid.NewGuid();
        await SeedAsync(student, goals: 40, tasks: false);
        var token = _jobs.Token(student);
        var job = await _jobs.StartAsync(token, "startErase", new { confirm = "ERASE ALL MY DATA" });
        var (_, finished) = await CancelWhenRunningAsync(token, job["id"]!.GetValue<string>(), j => Task.FromResult(j["progress"]!["done"]!.GetValue<double>() > 0));
        Assert.True(finished["status"]!.GetValue<string>() == "CANCELLED", finished.ToJsonString());
        Assert.InRange(await CountAsync("goals", student), 1, 39);
    }

    [Fact]
    public async Task A_cancel_that_lands_after_the_work_ended_still_ends_CANCELLED_and_discards_the_result()
    {
        var kind = _jobs.Api.Services.GetRequiredService<CancelledAtTheEndKind>();
        var runner = _jobs.Api.Services.GetRequiredService<TransactionRunner>();
        var jobs = _jobs.Api.Services.GetRequiredService<JobRepository>();
        var created = await runner.RunAsync((s, c) => jobs.CreateAsync(s, Guid.NewGuid(), CancelledAtTheEndKind.Name, "{}", c), CancellationToken.None);
        var key = new JobKey(created.StudentId, created.Id);

        var (outcome, _) = await _jobs.Api.Services.GetRequiredService<JobRunner>().RunAsync(key, CancellationToken.None);
        Assert.Equal(JobRunOutcome.Finished, outcome);
        var done = await runner.RunAsync(async (s, c) => (await jobs.GetAsync(s, key, c))!, CancellationToken.None);
        Assert.Equal((JobStatus.Cancelled, null, null), (done.Status, done.Result, done.ErrorCode));
        Assert.Equal(1, kind.Discarded);
    }

    [Fact]
    public async Task A_job_failing_after_its_cancel_was_asked_for_ends_CANCELLED_not_FAILED()
    {
        var runner = _jobs.Api.Services.GetRequiredService<TransactionRunner>();
        var jobs = _jobs.Api.Services.GetRequiredService<JobRepository>();
        var created = await runner.RunAsync((s, c) => jobs.CreateAsync(s, Guid.NewGuid(), CancelledAtTheEndKind.Name, "{\"fail\":true}", c),
            CancellationToken.None);
        var key = new JobKey(created.StudentId, created.Id);

        await _jobs.Api.Services.GetRequiredService<JobRunner>().RunAsync(key, CancellationToken.None);
        var done = await runner.RunAsync(async (s, c) => (await jobs.GetAsync(s, key, c))!, CancellationToken.None);
        Assert.Equal((JobStatus.Cancelled, null, null), (done.Status, done.ErrorCode, done.ErrorMessage));
        Assert.NotNull(done.FinishedAt);
    }

    /// <summary>Runs the worker in the background, cancels once <paramref name="ready"/> holds for the running job, and
    /// returns cancelJob's answer and the job once the worker is done.</summary>
    private async Task<(JsonObject Cancelled, JsonObject Finished)> CancelWhenRunningAsync(string token, string id, Func<JsonObject, Task<bool>> ready)
    {
        var worker = Task.Run(_jobs.DrainAsync);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = (await _jobs.JobAsync(token, id))!;
            Assert.True(job["status"]!.GetValue<string>() is "QUEUED" or "RUNNING", "finished before the cancel: " + job.ToJsonString());
            if (job["status"]!.GetValue<string>() == "RUNNING" && await ready(job)) break;
            Assert.True(DateTime.UtcNow < deadline, "the job never got going: " + job.ToJsonString());
            await Task.Delay(20);
        }

        var cancelled = (await _jobs.Api.PostAsync("mutation($id: UUID!) { cancelJob(input: { jobId: $id }) { job { status } } }", new { id }, token))
            .RequireData()["cancelJob"]!["job"]!.AsObject();
        await worker.WaitAsync(TimeSpan.FromSeconds(60));
        return (cancelled, (await _jobs.JobAsync(token, id))!);
    }

    private async Task SeedAsync(Guid student, int goals, bool tasks = true)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO goals (student_id, goal_type, title) SELECT @s, 'CAREER', 'Goal ' || g FROM generate_series(1, @n) AS g;
            INSERT INTO goal_tasks (student_id, goal_id, information, position) SELECT student_id, id, 'Task of ' || title, 0 FROM goals WHERE student_id = @s AND @tasks;
            """, connection);
        command.Parameters.AddWithValue("s", student);
        command.Parameters.AddWithValue("n", goals);
        command.Parameters.AddWithValue("tasks", tasks);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string table, Guid student)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE student_id = @s", connection);
        command.Parameters.AddWithValue("s", student);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Its work asks for its own cancellation after the last check (as a cancelJob arriving then would) and returns a
    /// result, or (payload {"fail":true}) then fails.</summary>
    internal sealed class CancelledAtTheEndKind(GoalsDataSource dataSource, TransactionRunner runner, JobRepository jobs) : IJobKind
    {
        public const string Name = "TEST_CANCELLED_AT_THE_END";

        public int Discarded { get; private set; }

        public string Kind => Name;

        public async Task<string?> RunAsync(JobExecution execution, CancellationToken ct)
        {
            await using var session = dataSource.OpenSession();
            await runner.RunAsync(session, (s, c) => jobs.CancelAsync(s, execution.Key, c), ct);
            if (execution.Job.Payload.Contains("fail", StringComparison.Ordinal)) throw new PermanentJobException("BAD_FILE", "failed after the cancel");
            return "{\"file\":\"would be linked\"}";
        }

        public Task DiscardAsync(JobExecution execution, CancellationToken ct)
        {
            Discarded++;
            return Task.CompletedTask;
        }
    }
}
