using Goals.Data.Repositories;
using Goals.Data.Tests.Infrastructure;
using Goals.Data.Transactions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Goals.Data.Tests;

/// <summary>
/// The unhappy paths of a session's life against the real PostgreSQL, each with a pool of ONE connection, so that a
/// connection handed back dirty, or not at all, fails the very next use: cancellation mid-command and mid-transaction,
/// disposal while a command runs, pooled connections the server killed, transactions that lose their connection.
/// </summary>
public sealed class SessionFaultTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly TransactionOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
    private readonly GoalRepository _goals = new();
    private GoalsDataSource _single = null!;

    public async Task InitializeAsync()
    {
        var oneConnection = new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = 1, Timeout = 5 }.ConnectionString;
        _single = GoalsDataSourceFactory.Create(oneConnection, NullLoggerFactory.Instance);
        await _single.WarmUpAsync(); // as at a cold start: later failures hit the statements under test, not engine detection
    }

    public async Task DisposeAsync() => await _single.DisposeAsync();

    [Fact]
    public async Task A_query_cancelled_mid_command_leaves_the_only_connection_clean_for_the_next_session()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await using (var session = _single.OpenSession())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.QueryValuesAsync<int>("SELECT 1 FROM pg_sleep(30)", ct: cancel.Token));
        }

        await using var next = _single.OpenSession();
        Assert.Equal(42, (await next.QueryValuesAsync<int>("SELECT 42"))[0]);
        Assert.Equal("idle", await StateOfAsync(await next.GetBackendProcessIdAsync()));
    }

    [Fact]
    public async Task A_transaction_cancelled_mid_work_is_rolled_back_and_the_only_connection_is_reused_at_once()
    {
        var student = Guid.NewGuid();
        using var cancel = new CancellationTokenSource();
        await using (var session = _single.OpenSession())
        {
            var run = new TransactionRunner(_single, Fast).RunAsync(session, async (s, ct) =>
            {
                await _goals.CreateAsync(s, student, new NewGoal(GoalTypes.Career, "never committed"), TestLimits.None, ct);
                cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
                await s.QueryValuesAsync<int>("SELECT 1 FROM pg_sleep(30)", ct: ct);
            }, cancel.Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        await using var next = _single.OpenSession();
        Assert.Empty(await _goals.ListAllNewestFirstAsync(next, student));
        Assert.Equal("idle", await StateOfAsync(await next.GetBackendProcessIdAsync()));
    }

    [Fact]
    public async Task Disposing_a_session_while_its_command_runs_waits_for_nothing_and_hands_the_connection_back_when_the_command_ends()
    {
        var session = _single.OpenSession();
        var running = session.QueryValuesAsync<int>("SELECT 7 FROM pg_sleep(0.5)");
        await WaitUntilAsync(() => session.RoundTrips == 1);

        var disposal = session.DisposeAsync().AsTask();
        Assert.True(disposal.IsCompleted, "disposal must not wait for the running command");
        Assert.Equal(7, (await running)[0]);

        // The pool has one connection: the next session gets it only once the first command's end handed it back.
        await using var next = _single.OpenSession();
        Assert.Equal(8, (await next.QueryValuesAsync<int>("SELECT 8")).Single());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.QueryValuesAsync<int>("SELECT 1"));
    }

    [Fact]
    public async Task Queries_queued_on_a_disposed_session_fail_instead_of_hanging()
    {
        var session = _single.OpenSession();
        var queued = session.EnqueueValues<int>("SELECT 1");
        await session.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.EnqueueValues<int>("SELECT 2"));
    }

    [Fact]
    public async Task A_read_on_a_pooled_connection_the_server_killed_is_sent_again_on_a_new_one()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        await KillPooledConnectionAsync();

        await using var session = _single.OpenSession();
        Assert.Equal(5, (await session.QueryValuesAsync<int>("SELECT 5"))[0]);
        Assert.Equal(1, session.ConnectionRetries);
    }

    [Fact]
    public async Task A_batched_read_on_a_killed_connection_is_sent_again_and_every_queued_query_completes()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        await KillPooledConnectionAsync();

        await using var session = _single.OpenSession();
        var one = session.EnqueueValues<int>("SELECT 1");
        var two = session.EnqueueValues<int>("SELECT @p", new NpgsqlParameter("p", 2));
        await session.FlushAsync();
        Assert.Equal(1, (await one)[0]);
        Assert.Equal(2, (await two)[0]);
        Assert.Equal(1, session.ConnectionRetries);
    }

    [Fact]
    public async Task A_write_outside_a_transaction_is_never_sent_twice()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        await KillPooledConnectionAsync();

        await using var session = _single.OpenSession();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => _goals.CreateAsync(session, Guid.NewGuid(), new NewGoal(GoalTypes.Career, "autocommit"), TestLimits.None));
        Assert.Equal(0, session.ConnectionRetries);
    }

    [Fact]
    public async Task A_transaction_whose_pooled_connection_was_killed_before_BEGIN_runs_on_a_new_connection_exactly_once()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        await KillPooledConnectionAsync();
        var student = Guid.NewGuid();

        await using var session = _single.OpenSession();
        var created = await new TransactionRunner(_single, Fast).RunAsync(session,
            (s, ct) => _goals.CreateAsync(s, student, new NewGoal(GoalTypes.Academic, "after a dead connection"), TestLimits.None, ct), CancellationToken.None);

        Assert.Equal(1, session.TransactionRetries);
        Assert.Equal([created.Id], (await _goals.ListAllNewestFirstAsync(session, student)).Select(g => g.Id));
    }

    [Fact]
    public async Task A_transaction_whose_connection_dies_mid_work_is_restarted_and_commits_once()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var student = Guid.NewGuid();
        var attempts = 0;
        await using var session = _single.OpenSession();

        await new TransactionRunner(_single, Fast).RunAsync(session, async (s, ct) =>
        {
            await _goals.CreateAsync(s, student, new NewGoal(GoalTypes.Career, "restarted"), TestLimits.None, ct);
            if (++attempts == 1)
            {
                await db.ExecuteAsync($"SELECT pg_terminate_backend({await s.GetBackendProcessIdAsync(ct)})");
                await s.QueryValuesAsync<int>("SELECT 1", ct: ct);
            }
        }, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Single(await _goals.ListAllNewestFirstAsync(session, student));
    }

    [Fact]
    public async Task An_unreachable_database_is_classified_as_unavailable()
    {
        var closedPort = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Host = "127.0.0.1", Port = FreePort(), Timeout = 2 }.ConnectionString;
        await using var unreachable = GoalsDataSourceFactory.Create(closedPort, NullLoggerFactory.Instance);
        await using var session = unreachable.OpenSession();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => session.QueryValuesAsync<int>("SELECT 1"));
        Assert.True(DatabaseFailures.IsUnavailable(error), error.ToString());
    }

    /// <summary>Opens the single pooled connection, hands it back, and has the server terminate its backend.</summary>
    private async Task KillPooledConnectionAsync()
    {
        int pid;
        await using (var session = _single.OpenSession())
        {
            pid = await session.GetBackendProcessIdAsync();
        }
        await db.ExecuteAsync($"SELECT pg_terminate_backend({pid})");
        await WaitUntilAsync(async () => await db.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}") == 0);
    }

    private Task<string> StateOfAsync(int pid) => db.ScalarAsync<string>($"SELECT state FROM pg_stat_activity WHERE pid = {pid}");

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition()) return;
            await Task.Delay(10);
        }
        throw new TimeoutException("The condition did not become true in 5 s.");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
