using Goals.Data.Repositories;
using Goals.Data.Tests.Infrastructure;
using Goals.Data.Transactions;
using Npgsql;

namespace Goals.Data.Tests;

public sealed class DbSessionBatchingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly GoalRepository _goals = new();
    private readonly TaskRepository _tasks = new();
    private readonly NoteRepository _notes = new();

    [Fact]
    public async Task Tasks_and_notes_of_100_goals_load_in_one_round_trip()
    {
        var student = Guid.NewGuid();
        var goalIds = new List<Guid>();
        await using (var setup = db.OpenSession())
        {
            for (var g = 0; g < 100; g++)
            {
                var goal = await _goals.CreateAsync(setup, student, new NewGoal(GoalTypes.Career, $"goal {g}"), TestLimits.None);
                goalIds.Add(goal.Id);
                for (var t = 0; t < g % 4; t++)
                {
                    await _tasks.AddAsync(setup, student, goal.Id, $"task {t}", TestLimits.None);
                }
                for (var n = 0; n < g % 3; n++)
                {
                    await _notes.AddAsync(setup, student, goal.Id, $"note {n}", TestLimits.None);
                }
            }
        }

        await using var session = db.OpenSession();
        var tasks = _tasks.EnqueueByGoalIds(session, student, goalIds);
        var notes = _notes.EnqueueByGoalIds(session, student, goalIds);
        Assert.Equal(0, session.RoundTrips);
        Assert.False(tasks.IsCompleted);

        await session.FlushAsync();

        Assert.Equal(1, session.RoundTrips);
        Assert.Equal(2, session.StatementCount);
        var tasksByGoal = (await tasks).ToLookup(t => t.GoalId);
        var notesByGoal = (await notes).ToLookup(n => n.GoalId);
        for (var g = 0; g < 100; g++)
        {
            Assert.Equal(Enumerable.Range(0, g % 4).Select(t => $"task {t}"), tasksByGoal[goalIds[g]].Select(t => t.Information));
            Assert.Equal(Enumerable.Range(0, g % 3).Select(n => $"note {n}"), notesByGoal[goalIds[g]].Select(n => n.Information));
            Assert.All(tasksByGoal[goalIds[g]], t => Assert.Equal(student, t.StudentId));
        }
    }

    [Fact]
    public async Task Flushing_nothing_sends_nothing_and_a_failing_batch_fails_its_queries()
    {
        await using var session = db.OpenSession();
        await session.FlushAsync();
        Assert.Equal(0, session.RoundTrips);

        var good = session.EnqueueValues<int>("SELECT 1");
        var bad = session.EnqueueValues<int>("SELECT * FROM no_such_table");
        await Assert.ThrowsAsync<PostgresException>(async () => await session.FlushAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.True(good.IsCompleted);
        // The session stays usable.
        Assert.Equal(2, (await session.QueryValuesAsync<int>("SELECT 2"))[0]);
    }

    [Fact]
    public async Task Batches_run_inside_the_current_transaction()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        var runner = new TransactionRunner(db.DataSource);
        var seen = await runner.RunAsync(session, async (s, ct) =>
        {
            var goal = await _goals.CreateAsync(s, student, new NewGoal(GoalTypes.Career, "uncommitted"), TestLimits.None, ct);
            await _tasks.AddAsync(s, student, goal.Id, "t", TestLimits.None, ct);
            var tasks = _tasks.EnqueueByGoalIds(s, student, [goal.Id]);
            await s.FlushAsync(ct);
            return (await tasks).Count;
        }, CancellationToken.None);
        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task Idempotent_create_returns_the_first_result_for_a_repeated_key()
    {
        var student = Guid.NewGuid();
        var store = new IdempotencyStore();
        var runner = new TransactionRunner(db.DataSource);
        async Task<Guid> CreateOnce() => await runner.RunAsync(async (s, ct) =>
        {
            if (await store.TryGetAsync(s, student, "key-1", "createGoal", ct) is { } existing)
            {
                return existing;
            }
            var goal = await _goals.CreateAsync(s, student, new NewGoal(GoalTypes.Career, "once"), TestLimits.None, ct);
            await store.RecordAsync(s, student, "key-1", "createGoal", goal.Id, ct);
            return goal.Id;
        }, CancellationToken.None);

        var first = await CreateOnce();
        var second = await CreateOnce();
        Assert.Equal(first, second);
        await using var session = db.OpenSession();
        Assert.Single(await _goals.ListAllNewestFirstAsync(session, student));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => store.TryGetAsync(session, student, "key-1", "createTask"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.RecordAsync(session, student, "key-2", "createGoal", first));
    }
}
