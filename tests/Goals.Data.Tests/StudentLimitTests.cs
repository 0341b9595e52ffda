using Goals.Data.Repositories;
using Goals.Data.Sessions;
using Goals.Data.Tests.Infrastructure;
using Goals.Data.Transactions;

namespace Goals.Data.Tests;

/// <summary>The per-student limits are conditions of the inserts themselves: they hold under concurrency.</summary>
public sealed class StudentLimitTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int Workers = 12;
    private readonly GoalRepository _goals = new();
    private readonly TaskRepository _tasks = new();
    private readonly NoteRepository _notes = new();

    // Enough attempts that no create gives up on conflicts: every create ends as a row or as LimitExceeded.
    private TransactionRunner Runner() => new(db.DataSource, new TransactionOptions
    {
        MaxAttempts = 500, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(10),
    });

    private async Task<GoalRow> NewGoalAsync(Guid student)
    {
        await using var session = db.OpenSession();
        return await _goals.CreateAsync(session, student, new NewGoal(GoalTypes.Career, "parent"), TestLimits.None);
    }

    /// <summary>
    /// <see cref="Workers"/> transactions that all take their snapshot (count 0 included) before any of them inserts:
    /// without the database's serializable check they would all insert. Returns how many created and how many were refused.
    /// </summary>
    private async Task<(int Created, int Refused)> CreateConcurrentlyAsync(Func<DbSession, CancellationToken, Task> create)
    {
        var runner = Runner();
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = 0;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            await using var session = db.OpenSession();
            var firstAttempt = true;
            try
            {
                await runner.RunAsync(session, async (s, ct) =>
                {
                    await s.QueryValueAsync<int>("SELECT 1", ct: ct); // the transaction's snapshot is taken here
                    if (firstAttempt)
                    {
                        firstAttempt = false;
                        if (Interlocked.Increment(ref started) == Workers) allStarted.SetResult();
                        await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                    }

                    await create(s, ct);
                }, CancellationToken.None);
                Interlocked.Increment(ref created);
            }
            catch (LimitExceededException)
            {
                Interlocked.Increment(ref refused);
            }
        })));
        return (created, refused);
    }

    [Fact]
    public async Task Concurrent_goal_creates_never_exceed_the_limit_and_other_students_are_unaffected()
    {
        const int limit = 4;
        var student = Guid.NewGuid();
        var other = Guid.NewGuid();
        await using (var session = db.OpenSession())
        {
            for (var i = 0; i < limit; i++) await _goals.CreateAsync(session, other, new NewGoal(GoalTypes.Academic, $"other {i}"), limit);
        }

        var (created, refused) = await CreateConcurrentlyAsync((s, ct) =>
            _goals.CreateAsync(s, student, new NewGoal(GoalTypes.Career, "racing"), limit, ct));

        Assert.Equal((limit, Workers - limit), (created, refused));
        Assert.Equal(limit, await db.ScalarAsync<long>($"SELECT count(*) FROM goals WHERE student_id = '{student}'"));
        Assert.Equal(limit, await db.ScalarAsync<long>($"SELECT count(*) FROM goals WHERE student_id = '{other}'"));

        await using var check = db.OpenSession();
        var refusal = await Assert.ThrowsAsync<LimitExceededException>(() =>
            _goals.CreateAsync(check, student, new NewGoal(GoalTypes.Career, "one more"), limit));
        Assert.Equal((StudentLimit.GoalsPerStudent, limit), (refusal.Limit, refusal.Maximum));
        var third = Guid.NewGuid(); // a student with no goals is not counted against anyone's
        Assert.Equal(third, (await _goals.CreateAsync(check, third, new NewGoal(GoalTypes.Career, "first"), 1)).StudentId);
    }

    [Fact]
    public async Task Concurrent_task_adds_never_exceed_the_limit_of_their_goal()
    {
        const int limit = 3;
        var student = Guid.NewGuid();
        var goal = await NewGoalAsync(student);
        var sibling = await NewGoalAsync(student);

        var (created, refused) = await CreateConcurrentlyAsync((s, ct) => _tasks.AddAsync(s, student, goal.Id, "racing", limit, ct));

        Assert.Equal((limit, Workers - limit), (created, refused));
        await using var session = db.OpenSession();
        var tasks = await _tasks.ListAsync(session, student, goal.Id);
        Assert.Equal([0, 1, 2], tasks.Select(t => t.Position));
        var refusal = await Assert.ThrowsAsync<LimitExceededException>(() => _tasks.AddAsync(session, student, goal.Id, "one more", limit));
        Assert.Equal((StudentLimit.TasksPerGoal, limit), (refusal.Limit, refusal.Maximum));
        Assert.NotNull(await _tasks.AddAsync(session, student, sibling.Id, "another goal has room", limit));
    }

    [Fact]
    public async Task Concurrent_note_adds_never_exceed_the_limit_of_their_goal()
    {
        const int limit = 2;
        var student = Guid.NewGuid();
        var goal = await NewGoalAsync(student);

        var (created, refused) = await CreateConcurrentlyAsync((s, ct) => _notes.AddAsync(s, student, goal.Id, "racing", limit, ct));

        Assert.Equal((limit, Workers - limit), (created, refused));
        await using var session = db.OpenSession();
        Assert.Equal(limit, (await _notes.ListAsync(session, student, goal.Id)).Count);
        var refusal = await Assert.ThrowsAsync<LimitExceededException>(() => _notes.AddAsync(session, student, goal.Id, "one more", limit));
        Assert.Equal((StudentLimit.NotesPerGoal, limit), (refusal.Limit, refusal.Maximum));
    }

    [Fact]
    public async Task A_full_goal_of_another_student_is_still_not_found_rather_than_full()
    {
        var owner = Guid.NewGuid();
        var goal = await NewGoalAsync(owner);
        await using var session = db.OpenSession();
        await _tasks.AddAsync(session, owner, goal.Id, "only one", 1);
        await _notes.AddAsync(session, owner, goal.Id, "only one", 1);

        var intruder = Guid.NewGuid();
        Assert.Null(await _tasks.AddAsync(session, intruder, goal.Id, "sneaky", 1));
        Assert.Null(await _notes.AddAsync(session, intruder, goal.Id, "sneaky", 1));
        Assert.Null(await _tasks.AddAsync(session, owner, Guid.NewGuid(), "no such goal", 1));
    }
}
