using Goals.Api.Tests.Infrastructure;
using Goals.Api.UseCases.Idempotency;
using Goals.Data;
using Goals.Data.Repositories;
using Goals.GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Goals.Api.Tests.UseCases;

/// <summary>The shared idempotency helper of the create use cases, on the real PostgreSQL: the key commits with the row
/// or not at all, a recorded key replays without creating, and keys belong to one student.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotentCreatesTests(DatabaseFixture database) : IAsyncLifetime
{
    private TestApi _api = null!;
    private IdempotentCreates _idempotent = null!;
    private GoalRepository _goals = null!;
    private GoalsDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(database);
        _idempotent = _api.Services.GetRequiredService<IdempotentCreates>();
        _goals = _api.Services.GetRequiredService<GoalRepository>();
        _dataSource = _api.Services.GetRequiredService<GoalsDataSource>();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_create_that_fails_after_inserting_leaves_neither_row_nor_key_so_the_retry_creates()
    {
        var student = Guid.NewGuid();
        var key = new IdempotencyKey("k-" + Guid.NewGuid(), "createGoal:fingerprint");
        await using (var session = _dataSource.OpenSession())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => _idempotent.RunAsync<GoalRow>(session, student, key, NoReplay,
                async c =>
                {
                    await _goals.CreateAsync(session, student, new NewGoal("CAREER", "rolled back"), 100, c);
                    throw new InvalidOperationException("the create failed after its insert");
                }, g => g.Id, CancellationToken.None));
        }

        Assert.Equal(0L, await GoalCountAsync(student));
        var created = await CreateAsync(student, key, "second try");
        Assert.Equal("second try", created.Title);
        Assert.Equal(1L, await GoalCountAsync(student));
    }

    [Fact]
    public async Task A_recorded_key_replays_the_id_it_created_without_running_the_create_again()
    {
        var student = Guid.NewGuid();
        var key = new IdempotencyKey("k-" + Guid.NewGuid(), "createGoal:fingerprint");
        var first = await CreateAsync(student, key, "first");

        Guid? replayedId = null;
        var creates = 0;
        await using (var session = _dataSource.OpenSession())
        {
            var replayed = await _idempotent.RunAsync(session, student, key,
                async (id, c) =>
                {
                    replayedId = id;
                    return (await _goals.GetAsync(session, student, id, c))!;
                },
                async c =>
                {
                    creates++;
                    return await _goals.CreateAsync(session, student, new NewGoal("CAREER", "duplicate"), 100, c);
                }, g => g.Id, CancellationToken.None);
            Assert.Equal(first.Id, replayed.Id);
        }

        Assert.Equal(first.Id, replayedId);
        Assert.Equal(0, creates);
        Assert.Equal(1L, await GoalCountAsync(student));
    }

    [Fact]
    public async Task The_same_key_with_another_fingerprint_is_a_conflict_and_creates_nothing()
    {
        var student = Guid.NewGuid();
        var value = "k-" + Guid.NewGuid();
        await CreateAsync(student, new IdempotencyKey(value, "createGoal:one"), "first");

        var error = await Assert.ThrowsAsync<GraphQLException>(() => CreateAsync(student, new IdempotencyKey(value, "createGoal:other"), "second"));
        Assert.Equal(Goals.Api.ErrorCodes.Conflict, error.Code);
        Assert.Equal(IdempotentCreates.KeyField, error.Extensions!["field"]);
        Assert.Equal(1L, await GoalCountAsync(student));
    }

    [Fact]
    public async Task A_key_belongs_to_one_student_another_student_with_the_same_key_creates_their_own()
    {
        var key = new IdempotencyKey("shared-" + Guid.NewGuid(), "createGoal:fingerprint");
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var alices = await CreateAsync(alice, key, "alice's");
        var bobs = await CreateAsync(bob, key, "bob's");

        Assert.NotEqual(alices.Id, bobs.Id);
        Assert.Equal(bob, bobs.StudentId);
        Assert.Equal(1L, await GoalCountAsync(bob));
    }

    private async Task<GoalRow> CreateAsync(Guid student, IdempotencyKey key, string title)
    {
        await using var session = _dataSource.OpenSession();
        return await _idempotent.RunAsync(session, student, key,
            async (id, c) => (await _goals.GetAsync(session, student, id, c))!,
            c => _goals.CreateAsync(session, student, new NewGoal("CAREER", title), 100, c), g => g.Id, CancellationToken.None);
    }

    private static Task<GoalRow> NoReplay(Guid id, CancellationToken ct) => throw new InvalidOperationException($"Nothing should replay (got {id}).");

    private async Task<long> GoalCountAsync(Guid student)
    {
        await using var session = _dataSource.OpenSession();
        return await session.QueryValueAsync<long>("SELECT count(*) FROM goals WHERE student_id = @Student", new { Student = student });
    }
}
