using System.Net.Sockets;
using System.Text;
using Goals.Api.Tests.Infrastructure;
using Npgsql;

namespace Goals.Api.Tests;

/// <summary>
/// The app on real Kestrel when clients hang up and the database misbehaves: a cancelled request hands its connection
/// back clean (tested with a pool of ONE, so a leak or a dirty connection fails the next request), the server keeps
/// answering after a storm of hang-ups, lost connections are retried or answered with a typed code, and a committed
/// change never answers as a failure.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLifetimeTests(DatabaseFixture database)
{
    private const string Dashboard = "{ goals { id title tasks { id information } notes { id information } } }";
    private const string CreateGoal = """
        mutation($title: String!, $key: String) {
          createGoal(input: { goalType: CAREER, title: $title, idempotencyKey: $key }) { goal { id title tasks { id } notes { id } } replayed }
        }
        """;

    [Fact]
    public async Task A_query_cancelled_mid_flight_with_a_pool_of_one_leaves_the_next_query_answered_at_once()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 1);
        using var http = new HttpClient();
        var student = Guid.NewGuid();
        await CreateGoalsAsync(api, http, student, 3);

        await using (var locker = await LockTablesAsync("goal_tasks"))
        {
            using var cancel = new CancellationTokenSource();
            var dashboard = api.PostAsync(http, Dashboard, null, student, cancel.Token);
            await WaitForBlockedStatementAsync(api);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dashboard);

            // goal_tasks is still locked: this needs only goals, and the app's only connection.
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var titles = await api.PostAsync(http, "{ goals { title } }", null, student, quick.Token);
            Assert.Equal(3, titles.RequireData()["goals"]!.AsArray().Count);
        }

        Assert.Equal(3, (await api.PostAsync(http, Dashboard, null, student)).RequireData()["goals"]!.AsArray().Count);
        Assert.All(await api.ConnectionStatesAsync(database.ConnectionString), state => Assert.Equal("idle", state));
    }

    [Fact]
    public async Task A_mutation_cancelled_while_blocked_on_a_lock_is_rolled_back_and_the_only_connection_serves_the_next_one()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 1);
        using var http = new HttpClient();
        var student = Guid.NewGuid();
        var goalId = (await CreateGoalsAsync(api, http, student, 1))[0];
        const string rename = "mutation($id: UUID!, $title: String!) { updateGoal(input: { goalId: $id, title: $title }) { goal { title } } }";

        await using (var locker = await LockRowAsync(goalId))
        {
            using var cancel = new CancellationTokenSource();
            var update = api.PostAsync(http, rename, new { id = goalId, title = "cancelled" }, student, cancel.Token);
            await WaitForBlockedStatementAsync(api);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => update);
        }

        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var renamed = await api.PostAsync(http, rename, new { id = goalId, title = "after" }, student, quick.Token);
        Assert.Equal("after", renamed.RequireData()["updateGoal"]!["goal"]!["title"]!.GetValue<string>());
        Assert.All(await api.ConnectionStatesAsync(database.ConnectionString), state => Assert.Equal("idle", state));
    }

    [Fact]
    public async Task After_hundreds_of_clients_hang_up_mid_request_the_server_answers_at_once_and_holds_no_connection_busy()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 2);
        var student = Guid.NewGuid();
        using (var http = new HttpClient()) await CreateGoalsAsync(api, http, student, 20);
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query = Dashboard }));
        var header = Encoding.ASCII.GetBytes(
            $"POST /graphql HTTP/1.1\r\nHost: {api.BaseUrl.Authority}\r\nContent-Type: application/json\r\n" +
            $"Authorization: Bearer {api.Token(student)}\r\nContent-Length: {body.Length}\r\n\r\n");
        var random = new Random(8);

        // 6 clients × 50 requests, each closing its socket 1–10 ms after sending (the issue's reproduction, bounded).
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync("127.0.0.1", api.BaseUrl.Port);
                await socket.SendAsync(header.Concat(body).ToArray());
                int delay;
                lock (random) delay = random.Next(1, 11);
                await Task.Delay(delay);
                socket.LingerState = new LingerOption(true, 0); // RST, as a phone dropping off the network does
                socket.Close();
            }
        })));

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(20, (await api.PostAsync(client, Dashboard, null, student)).RequireData()["goals"]!.AsArray().Count);
        }
        await WaitUntilAsync(async () => (await api.ConnectionStatesAsync(database.ConnectionString)).All(s => s == "idle"));
    }

    [Fact]
    public async Task A_created_goal_answers_with_its_children_without_reading_anything_after_commit()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 2);
        using var http = new HttpClient();
        var student = Guid.NewGuid();

        // Reading tasks or notes after COMMIT would wait for these locks; inside the transaction there is nothing to read.
        await using (var locker = await LockTablesAsync("goal_tasks", "goal_notes"))
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var created = await api.PostAsync(http, CreateGoal, new { title = "no reads after commit" }, student, quick.Token);
            var goal = created.RequireData()["createGoal"]!["goal"]!;
            Assert.Equal("no reads after commit", goal["title"]!.GetValue<string>());
            Assert.Empty(goal["tasks"]!.AsArray());
            Assert.Empty(goal["notes"]!.AsArray());
        }
    }

    [Fact]
    public async Task A_connection_lost_during_commit_answers_RESULT_UNKNOWN_and_a_retry_with_the_same_key_saves_the_goal_once()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 2);
        using var http = new HttpClient();
        var student = Guid.NewGuid();
        var key = "commit-" + Guid.NewGuid().ToString("N");
        var title = "slow commit " + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION slow_commit_{Suffix(title)}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.title = '{title}' THEN PERFORM pg_sleep(30); END IF; RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER slow_commit_{Suffix(title)} AFTER INSERT ON goals DEFERRABLE INITIALLY DEFERRED
              FOR EACH ROW EXECUTE FUNCTION slow_commit_{Suffix(title)}();
            """);
        try
        {
            var create = api.PostAsync(http, CreateGoal, new { title, key }, student);
            await WaitForStatementAsync(api, "COMMIT");
            await api.KillConnectionsAsync(database.ConnectionString);

            var unknown = await create;
            var error = unknown.SingleError("RESULT_UNKNOWN");
            Assert.Contains("idempotencyKey", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(unknown.Status < 500, "RESULT_UNKNOWN is an answer, not a server error");
        }
        finally
        {
            await ExecuteAsync($"DROP TRIGGER slow_commit_{Suffix(title)} ON goals; DROP FUNCTION slow_commit_{Suffix(title)}();");
        }

        var retried = await api.PostAsync(http, CreateGoal, new { title, key }, student);
        Assert.Equal(title, retried.RequireData()["createGoal"]!["goal"]!["title"]!.GetValue<string>());
        var again = await api.PostAsync(http, CreateGoal, new { title, key }, student);
        Assert.True(again.RequireData()["createGoal"]!["replayed"]!.GetValue<bool>());
        Assert.Single((await api.PostAsync(http, "{ goals { id } }", null, student)).RequireData()["goals"]!.AsArray());
    }

    [Fact]
    public async Task An_unreachable_database_answers_SERVICE_UNAVAILABLE_not_a_server_error()
    {
        var closed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = FreePort(), Timeout = 2 }.ConnectionString;
        await using var api = await KestrelApi.StartAsync(closed, poolSize: 1);
        using var http = new HttpClient();

        var answer = await api.PostAsync(http, "{ goals { id } }", null, Guid.NewGuid());
        Assert.Equal(200, answer.Status);
        answer.SingleError("SERVICE_UNAVAILABLE");
        var mutation = await api.PostAsync(http, CreateGoal, new { title = "nowhere" }, Guid.NewGuid());
        mutation.SingleError("SERVICE_UNAVAILABLE");
    }

    [Fact]
    public async Task Backends_killed_under_mixed_load_give_no_internal_error_lose_no_goal_and_stop_failing_once_the_kills_stop()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 4);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var student = Guid.NewGuid();
        await CreateGoalsAsync(api, http, student, 5);
        var codes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var notRetryable = new System.Collections.Concurrent.ConcurrentBag<string>();
        var keys = new System.Collections.Concurrent.ConcurrentBag<string>();
        var killed = 0;

        var killer = Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await Task.Delay(120);
                killed += await api.KillConnectionsAsync(database.ConnectionString);
            }
        });
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !killer.IsCompleted && i < 400; i++)
            {
                GraphQLResponse answer;
                if (i % 3 == 0)
                {
                    var key = $"load-{c}-{i}";
                    keys.Add(key);
                    answer = await api.PostAsync(http, CreateGoal, new { title = key, key }, student);
                }
                else
                {
                    answer = await api.PostAsync(http, Dashboard, null, student);
                }
                Assert.True(answer.Status < 500, answer.Body.ToJsonString());
                foreach (var error in answer.Errors)
                {
                    codes.Add(error?["extensions"]?["code"]?.GetValue<string>() ?? "(none)");
                    if (error?["extensions"]?["retryable"]?.GetValue<bool>() != true) notRetryable.Add(error!.ToJsonString());
                }
            }
        })).ToList();
        await Task.WhenAll(clients.Append(killer));

        Assert.True(killed >= 10, $"only {killed} of the app's connections were killed: the test would prove nothing");
        Assert.DoesNotContain("INTERNAL_SERVER_ERROR", codes);
        // CONFLICT too: four clients create goals for one student under SERIALIZABLE while every connection is killed
        // each 120 ms, so a transaction can spend its attempts on both and give up; every one of these says retry.
        Assert.All(codes, code => Assert.Contains(code, new[] { "SERVICE_UNAVAILABLE", "RESULT_UNKNOWN", "CONFLICT" }));
        Assert.Empty(notRetryable);

        // After the faults: every request succeeds, and retrying each create with its key leaves exactly one goal per key.
        foreach (var key in keys)
        {
            var retried = await api.PostAsync(http, CreateGoal, new { title = key, key }, student);
            Assert.Equal(key, retried.RequireData()["createGoal"]!["goal"]!["title"]!.GetValue<string>());
        }
        var titles = (await api.PostAsync(http, "{ goals { title } }", null, student)).RequireData()["goals"]!.AsArray()
            .Select(g => g!["title"]!.GetValue<string>()).Where(t => t.StartsWith("load-", StringComparison.Ordinal)).ToList();
        Assert.Equal(keys.Order(), titles.Order());
    }

    private static string Suffix(string title) => title[^8..];

    private static async Task<List<Guid>> CreateGoalsAsync(KestrelApi api, HttpClient http, Guid student, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var created = await api.PostAsync(http, CreateGoal, new { title = $"goal {i}" }, student);
            ids.Add(Guid.Parse(created.RequireData()["createGoal"]!["goal"]!["id"]!.GetValue<string>()));
        }
        return ids;
    }

    /// <summary>A transaction of the test's own holding ACCESS EXCLUSIVE locks on the tables until disposed.</summary>
    private async Task<NpgsqlConnection> LockTablesAsync(params string[] tables)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"BEGIN; LOCK TABLE {string.Join(", ", tables)} IN ACCESS EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task<NpgsqlConnection> LockRowAsync(Guid goalId)
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("BEGIN; SELECT 1 FROM goals WHERE id = @id FOR UPDATE", connection);
        command.Parameters.AddWithValue("id", goalId);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private Task WaitForBlockedStatementAsync(KestrelApi api) =>
        WaitUntilAsync(async () => await CountAsync(api, "wait_event_type = 'Lock'") > 0);

    private Task WaitForStatementAsync(KestrelApi api, string statement) =>
        WaitUntilAsync(async () => await CountAsync(api, $"state = 'active' AND query = '{statement}'") > 0);

    private async Task<long> CountAsync(KestrelApi api, string condition)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND {condition}", connection);
        command.Parameters.AddWithValue("name", api.ApplicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (await condition()) return;
            await Task.Delay(10);
        }
        throw new TimeoutException("The condition did not become true in 10 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
