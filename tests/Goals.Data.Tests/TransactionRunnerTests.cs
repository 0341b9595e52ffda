using System.Data;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Goals.Data.Sessions;
using Goals.Data.Tests.Infrastructure;
using Goals.Data.Transactions;
using Npgsql;

namespace Goals.Data.Tests;

public sealed class TransactionRunnerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly TransactionOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };
    private static readonly TransactionOptions ForcedSavepoint = Fast with { Mode = TransactionMode.Savepoint };

    /// <summary>
    /// A table, and a function that raises 40001 while its sequence is at or below <paramref name="conflicts"/>.
    /// Sequences ignore rollbacks, so each attempt advances it: exactly that many attempts fail.
    /// </summary>
    private async Task<string> CreateConflictInjectorAsync(int conflicts, string sqlState = "40001")
    {
        var name = "c" + Guid.NewGuid().ToString("N")[..10];
        await db.ExecuteAsync($"""
            CREATE TABLE {name} (id INT PRIMARY KEY, value INT NOT NULL);
            CREATE SEQUENCE {name}_seq;
            CREATE FUNCTION {name}_conflict() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                IF nextval('{name}_seq') <= {conflicts} THEN
                    RAISE EXCEPTION 'injected conflict' USING ERRCODE = '{sqlState}';
                END IF;
            END $$;
            """);
        return name;
    }

    private static Func<DbSession, CancellationToken, Task<int>> InsertThenConflict(string table) => async (session, ct) =>
    {
        await session.ExecuteAsync($"INSERT INTO {table} (id, value) VALUES (1, 1)", ct: ct);
        await session.QueryValuesAsync<object>($"SELECT {table}_conflict()", ct: ct);
        return 1;
    };

    public static TheoryData<string> Modes => ["restart", "savepoint"];

    private static TransactionOptions OptionsFor(string mode, RecordingTransactionObserver observer, int maxAttempts = 10) =>
        (mode == "savepoint" ? ForcedSavepoint : Fast) with { Observer = observer, MaxAttempts = maxAttempts };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Injected_conflicts_are_retried_and_the_work_commits_exactly_once(string mode)
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 3);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();
        var retriesCounted = 0L;
        using var listener = ListenToRetryCounter(v => Interlocked.Add(ref retriesCounted, v));

        await new TransactionRunner(db.DataSource, OptionsFor(mode, observer)).RunAsync(session, InsertThenConflict(table), CancellationToken.None);

        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
        Assert.Equal(3, session.TransactionRetries);
        Assert.True(Interlocked.Read(ref retriesCounted) >= 3);
        Assert.Contains(db.Logs.Entries, e => e.Fields.TryGetValue("RetryCount", out var n) && Equals(n, 3));
        Assert.Single(observer.Statements, s => s == "COMMIT");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Conflicts_beyond_the_attempt_limit_fail_clearly_and_commit_nothing(string mode)
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 100);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();

        var error = await Assert.ThrowsAsync<TransactionRetryLimitExceededException>(() =>
            new TransactionRunner(db.DataSource, OptionsFor(mode, observer, maxAttempts: 4)).RunAsync(session, InsertThenConflict(table), CancellationToken.None));

        Assert.Equal(4, error.Attempts);
        Assert.Equal("40001", error.SqlState);
        Assert.Equal("40001", Assert.IsType<PostgresException>(error.InnerException).SqlState);
        Assert.Contains("4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
        Assert.Equal(3, session.TransactionRetries);
        Assert.DoesNotContain("COMMIT", observer.Statements);
        Assert.Equal("ROLLBACK", observer.Statements[^1]);
        Assert.False(session.InTransaction);
    }

    [Fact]
    public async Task Deadlocks_are_retried_too()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 2, sqlState: PostgresErrorCodes.DeadlockDetected);
        await using var session = db.OpenSession();

        await new TransactionRunner(db.DataSource, Fast).RunAsync(session, InsertThenConflict(table), CancellationToken.None);

        Assert.Equal(2, session.TransactionRetries);
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Savepoint_mode_sends_the_cockroach_restart_protocol()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 2);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();

        await new TransactionRunner(db.DataSource, ForcedSavepoint with { Observer = observer }).RunAsync(session, InsertThenConflict(table), CancellationToken.None);

        Assert.Equal(
            [
                "BEGIN ISOLATION LEVEL READ COMMITTED",
                "SAVEPOINT cockroach_restart",
                "ROLLBACK TO SAVEPOINT cockroach_restart",
                "ROLLBACK TO SAVEPOINT cockroach_restart",
                "RELEASE SAVEPOINT cockroach_restart",
                "COMMIT",
            ],
            observer.Statements);
        // The INSERT before the conflict was undone by each ROLLBACK TO SAVEPOINT: only the last attempt's row exists.
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Restart_mode_on_postgres_begins_a_new_serializable_transaction_per_attempt()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 1);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();

        await new TransactionRunner(db.DataSource, Fast with { Observer = observer }).RunAsync(session, InsertThenConflict(table), CancellationToken.None);

        Assert.Equal(["BEGIN ISOLATION LEVEL SERIALIZABLE", "ROLLBACK", "BEGIN ISOLATION LEVEL SERIALIZABLE", "COMMIT"], observer.Statements);
    }

    [Fact]
    public async Task A_serialization_failure_raised_by_commit_is_retried()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        // A deferred constraint trigger runs at COMMIT, so its 40001 is raised by the COMMIT statement itself.
        var table = await CreateConflictInjectorAsync(conflicts: 1);
        await db.ExecuteAsync($"""
            CREATE FUNCTION {table}_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM {table}_conflict(); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER {table}_deferred AFTER INSERT ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {table}_at_commit();
            """);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();

        await new TransactionRunner(db.DataSource, Fast with { Observer = observer }).RunAsync(session,
            (s, ct) => s.ExecuteAsync($"INSERT INTO {table} (id, value) VALUES (1, 1)", ct: ct), CancellationToken.None);

        Assert.Equal(["BEGIN ISOLATION LEVEL SERIALIZABLE", "COMMIT", "BEGIN ISOLATION LEVEL SERIALIZABLE", "COMMIT"], observer.Statements);
        Assert.Equal(1, session.TransactionRetries);
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Concurrent_read_modify_write_transactions_lose_no_update()
    {
        const int workers = 8, transactionsPerWorker = 50, rows = 3;
        var table = "counters_" + Guid.NewGuid().ToString("N")[..8];
        await db.ExecuteAsync($"CREATE TABLE {table} (id INT PRIMARY KEY, value INT NOT NULL); INSERT INTO {table} SELECT g, 0 FROM generate_series(1, {rows}) g");
        var runner = new TransactionRunner(db.DataSource, Fast with { MaxAttempts = 200, MaxDelay = TimeSpan.FromMilliseconds(10) });
        var retries = 0;

        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            await using var session = db.OpenSession();
            for (var i = 0; i < transactionsPerWorker; i++)
            {
                var id = (worker + i) % rows + 1;
                await runner.RunAsync(session, async (s, ct) =>
                {
                    var value = (await s.QueryValuesAsync<int>($"SELECT value FROM {table} WHERE id = @id", new { id }, ct))[0];
                    // Widen the read-to-write window so that transactions really overlap even on a busy machine.
                    await Task.Delay(1, ct);
                    await s.ExecuteAsync($"UPDATE {table} SET value = @value WHERE id = @id", new { value = value + 1, id }, ct);
                }, CancellationToken.None);
            }
            Interlocked.Add(ref retries, session.TransactionRetries);
        })));

        Assert.Equal((long)workers * transactionsPerWorker, await db.ScalarAsync<long>($"SELECT sum(value) FROM {table}"));
        Assert.True(retries > 0, "expected at least one real serialization failure to be retried");
    }

    [Fact]
    public async Task A_unique_violation_rolls_back_is_not_retried_and_keeps_its_sqlstate()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 0);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            new TransactionRunner(db.DataSource, Fast with { Observer = observer }).RunAsync(session, async (s, ct) =>
            {
                await s.ExecuteAsync($"INSERT INTO {table} (id, value) VALUES (7, 1)", ct: ct);
                await s.ExecuteAsync($"INSERT INTO {table} (id, value) VALUES (7, 2)", ct: ct);
            }, CancellationToken.None));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(["BEGIN ISOLATION LEVEL SERIALIZABLE", "ROLLBACK"], observer.Statements);
        Assert.Equal(0, session.TransactionRetries);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
        // The session is still usable.
        Assert.Equal(1, (await session.QueryValuesAsync<int>("SELECT 1"))[0]);
    }

    [Fact]
    public async Task Losing_the_connection_during_commit_is_reported_as_ambiguous_and_not_retried()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 0);
        var observer = new RecordingTransactionObserver
        {
            BeforeCommit = async (session, ct) =>
            {
                var pid = await session.GetBackendProcessIdAsync(ct);
                await db.ExecuteAsync($"SELECT pg_terminate_backend({pid})");
                for (var i = 0; i < 100 && await db.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}") > 0; i++)
                {
                    await Task.Delay(20, ct);
                }
            },
        };
        await using var session = db.OpenSession();

        var error = await Assert.ThrowsAsync<TransactionResultAmbiguousException>(() =>
            new TransactionRunner(db.DataSource, Fast with { Observer = observer }).RunAsync(session,
                (s, ct) => s.ExecuteAsync($"INSERT INTO {table} (id, value) VALUES (1, 1)", ct: ct), CancellationToken.None));

        Assert.NotNull(error.InnerException);
        Assert.Equal(["BEGIN ISOLATION LEVEL SERIALIZABLE", "COMMIT"], observer.Statements);
        Assert.Equal(0, session.TransactionRetries);
        Assert.False(session.InTransaction);
        // The session recovers with a fresh connection.
        Assert.Equal(1, (await session.QueryValuesAsync<int>("SELECT 1"))[0]);
    }

    [Fact]
    public async Task Cancellation_stops_the_work_and_rolls_back()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 0);
        var observer = new RecordingTransactionObserver();
        await using var session = db.OpenSession();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TransactionRunner(db.DataSource, Fast with { Observer = observer }).RunAsync(session, async (s, ct) =>
            {
                await s.ExecuteAsync($"INSERT INTO {table} (id, value) VALUES (1, 1)", ct: ct);
                await s.ExecuteAsync("SELECT pg_sleep(30)", ct: ct);
            }, cancel.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        Assert.DoesNotContain("COMMIT", observer.Statements);
        Assert.False(session.InTransaction);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
        Assert.Equal(1, (await session.QueryValuesAsync<int>("SELECT 1"))[0]);
    }

    [Fact]
    public async Task Cancellation_during_retries_stops_retrying()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var table = await CreateConflictInjectorAsync(conflicts: 1_000_000);
        await using var session = db.OpenSession();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new TransactionRunner(db.DataSource, new TransactionOptions { MaxAttempts = 1000, BaseDelay = TimeSpan.FromMilliseconds(50) })
                .RunAsync(session, InsertThenConflict(table), cancel.Token));

        Assert.False(session.InTransaction);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Forced_savepoint_mode_on_postgres_defaults_to_read_committed_and_honours_an_explicit_level()
    {
        if (await db.IsCockroachAsync())
        {
            return;
        }
        var observer = new RecordingTransactionObserver();
        var runner = new TransactionRunner(db.DataSource, ForcedSavepoint with { Observer = observer, IsolationLevel = IsolationLevel.Serializable });
        var level = await runner.RunAsync((s, ct) => s.QueryValueAsync<string>("SHOW transaction_isolation", ct: ct), CancellationToken.None);
        Assert.Equal("serializable", level);
        Assert.Equal("BEGIN ISOLATION LEVEL SERIALIZABLE", observer.Statements[0]);
    }

    private static MeterListener ListenToRetryCounter(Action<long> onRetry)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TransactionMetrics.MeterName && instrument.Name == TransactionMetrics.RetriesCounterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onRetry(value));
        listener.Start();
        return listener;
    }
}
