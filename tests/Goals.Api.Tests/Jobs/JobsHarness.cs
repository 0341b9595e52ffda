using System.Text.Json.Nodes;
using Goals.Api.Jobs;
using Goals.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Goals.Api.Tests.Jobs;

/// <summary>The app (TestApi) with jobs configured, and the GraphQL calls of the job tests.</summary>
public sealed class JobsHarness : IAsyncDisposable
{
    public const string JobFields = """
        id kind status attempts createdAt startedAt finishedAt progress { done total } error { code message }
        download { url expiresAt format } importReport { imported alreadyPresent rejected rows { line message } }
        """;

    public const string SnapshotQuery = """
        { goals { goalType title information complete dueAt color createdAt updatedAt
                  tasks { information complete createdAt updatedAt } notes { information createdAt updatedAt } } }
        """;

    static JobsHarness()
    {
        // The AWS SDK clients talk to loopback emulators; these stop them looking for real credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "S3RVER"); // s3rver's built-in key pair
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "S3RVER");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    private JobsHarness(TestApi api, DatabaseFixture database, string filesDirectory)
    {
        Api = api;
        Database = database;
        FilesDirectory = filesDirectory;
    }

    public TestApi Api { get; }
    public DatabaseFixture Database { get; }
    public string FilesDirectory { get; }

    /// <summary>Starts the app; <paramref name="jobs"/> keys without a section are Jobs:* keys (e.g. "ChunkRows"; "Limits:MaxTasksPerGoal" as is).</summary>
    public static async Task<JobsHarness> StartAsync(DatabaseFixture database, IDictionary<string, string?>? jobs = null,
        Action<IServiceCollection>? services = null)
    {
        var files = Path.Combine(Path.GetTempPath(), "goals-job-files-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:FilesDirectory"] = files,
            ["Jobs:ChunkRows"] = "7",
            ["Jobs:BackoffSeconds"] = "0",
            ["Jobs:RepublishAfterSeconds"] = "0",
        };
        foreach (var (key, value) in jobs ?? new Dictionary<string, string?>()) settings[key.Contains(':', StringComparison.Ordinal) ? key : "Jobs:" + key] = value;
#pragma warning disable CA2000 // the harness owns the app from here and disposes it in its DisposeAsync
        return new JobsHarness(await TestApi.StartAsync(database, settings, services), database, files);
#pragma warning restore CA2000
    }

    public string Token(Guid student) => Api.Token(student);

    /// <summary>Runs the local worker until nothing is runnable (the same drain `serve` hosts).</summary>
    public Task<int> DrainAsync() => Api.Services.GetRequiredService<LocalJobWorker>().DrainAsync(CancellationToken.None);

    public async Task<JsonObject> StartAsync(string token, string mutation, object input)
    {
        var response = await Api.PostAsync($"mutation($input: {InputType(mutation)}!) {{ {mutation}(input: $input) {{ replayed job {{ {JobFields} }} }} }}",
            new { input }, token);
        return response.RequireData()[mutation]!["job"]!.AsObject();
    }

    public async Task<GraphQLResponse> TryStartAsync(string token, string mutation, object input) =>
        await Api.PostAsync($"mutation($input: {InputType(mutation)}!) {{ {mutation}(input: $input) {{ replayed job {{ {JobFields} }} }} }}",
            new { input }, token);

    public async Task<JsonObject?> JobAsync(string token, string id) =>
        (await Api.PostAsync($"query($id: UUID!) {{ job(id: $id) {{ {JobFields} }} }}", new { id }, token)).RequireData()["job"] as JsonObject;

    public async Task<JsonObject> FinishedJobAsync(string token, string id)
    {
        await DrainAsync();
        return (await JobAsync(token, id))!;
    }

    /// <summary>Everything of the student the API shows, without ids (ids differ between accounts).</summary>
    public async Task<string> SnapshotAsync(string token) =>
        (await Api.PostAsync(SnapshotQuery, token: token)).RequireData().ToJsonString();

    public async Task SeedAsync(string token, int goals = 3)
    {
        for (var i = 0; i < goals; i++)
        {
            var goal = (await Api.PostAsync("""
                mutation($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } } }
                """, new
            {
                input = new
                {
                    goalType = i % 2 == 0 ? "ACADEMIC" : "CAREER",
                    title = $"Goal {i}: \"quotes\", commas, ünïcode",
                    information = i == 1 ? "" : $"line one\nline two of goal {i}",
                    dueAt = i == 0 ? "2027-03-04T05:06:07.089Z" : null,
                    color = i == 2 ? "#A1B2C3" : null,
                },
            }, token)).RequireData()["createGoal"]!["goal"]!["id"]!.GetValue<string>();
            var taskIds = new List<string>();
            for (var t = 0; t < 3; t++)
            {
                var task = (await Api.PostAsync("mutation($g: UUID!, $i: String!) { createGoalTask(input: { goalId: $g, information: $i }) { task { id } } }",
                    new { g = goal, i = $"task {t} of {i}, with \"quotes\"" }, token)).RequireData()["createGoalTask"]!["task"]!["id"]!.GetValue<string>();
                taskIds.Add(task);
                if (t == 1) (await Api.PostAsync("mutation($t: UUID!) { completeGoalTask(input: { taskId: $t }) { task { id } } }", new { t = task }, token)).RequireData();
            }

            if (i > 0)
            {
                taskIds.Reverse(); // a custom order the import must keep
                (await Api.PostAsync("mutation($g: UUID!, $t: [UUID!]!) { reorderGoalTasks(input: { goalId: $g, taskIds: $t }) { goal { id } } }",
                    new { g = goal, t = taskIds }, token)).RequireData();
                (await Api.PostAsync("mutation($g: UUID!, $i: String!) { createGoalNote(input: { goalId: $g, information: $i }) { note { id } } }",
                    new { g = goal, i = $"note of {i}\r\nsecond line" }, token)).RequireData();
            }
        }

        // A completed goal too.
        var first = (await Api.PostAsync("{ goals { id } }", token: token)).RequireData()["goals"]![0]!["id"]!.GetValue<string>();
        (await Api.PostAsync("mutation($g: UUID!) { updateGoal(input: { goalId: $g, complete: true }) { goal { id } } }", new { g = first }, token)).RequireData();
    }

    /// <summary>Rows of the student in each table, straight from the database.</summary>
    public async Task<Dictionary<string, long>> RowCountsAsync(Guid student)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "goals", "goal_tasks", "goal_notes", "idempotency_keys", "jobs" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table} WHERE student_id = @s", connection);
            command.Parameters.AddWithValue("s", student);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }

    /// <summary>GETs a download link through the test server (local store) and returns the bytes.</summary>
    public async Task<(int Status, byte[] Body)> DownloadAsync(string url)
    {
        var uri = new Uri(url);
        var response = await Api.Client.GetAsync(uri.PathAndQuery);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    private static string InputType(string mutation) => char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        try
        {
            if (Directory.Exists(FilesDirectory)) Directory.Delete(FilesDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
