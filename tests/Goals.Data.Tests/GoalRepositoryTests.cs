using Goals.Data.Repositories;
using Goals.Data.Tests.Infrastructure;
using Npgsql;

namespace Goals.Data.Tests;

public sealed class GoalRepositoryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly GoalRepository _goals = new();

    [Fact]
    public async Task Create_get_update_complete_and_delete_a_goal()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        var due = new DateTime(2030, 5, 1, 12, 0, 0, DateTimeKind.Utc);

        var created = await _goals.CreateAsync(session, student, new NewGoal(GoalTypes.Academic, "Pass maths", "Revise weekly", due, "#A1B2C3"), TestLimits.None);
        Assert.Equal(student, created.StudentId);
        Assert.Equal(GoalTypes.Academic, created.GoalType);
        Assert.Equal(due, created.DueAt);
        Assert.Equal(DateTimeKind.Utc, created.CreatedAt.Kind);
        Assert.False(created.Complete);

        Assert.Equal(created, await _goals.GetAsync(session, student, created.Id));

        await Task.Delay(5);
        var updated = await _goals.UpdateAsync(session, student, created.Id, new GoalUpdate { Title = "Pass maths well", DueAt = null, Color = (string?)null });
        Assert.NotNull(updated);
        Assert.Equal("Pass maths well", updated.Title);
        Assert.Equal("Revise weekly", updated.Information);
        Assert.Null(updated.DueAt);
        Assert.Null(updated.Color);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);

        var onlyInformation = await _goals.UpdateAsync(session, student, created.Id, new GoalUpdate { Information = "Daily" });
        Assert.Equal("Pass maths well", onlyInformation!.Title);
        Assert.Equal("Daily", onlyInformation.Information);

        Assert.True((await _goals.SetCompleteAsync(session, student, created.Id, true))!.Complete);
        Assert.True(await _goals.DeleteAsync(session, student, created.Id));
        Assert.Null(await _goals.GetAsync(session, student, created.Id));
        Assert.False(await _goals.DeleteAsync(session, student, created.Id));
    }

    [Fact]
    public async Task Database_checks_reject_invalid_goals()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        async Task<string> SqlStateOf(NewGoal goal) =>
            (await Assert.ThrowsAsync<PostgresException>(() => _goals.CreateAsync(session, student, goal, TestLimits.None))).SqlState;

        Assert.Equal(PostgresErrorCodes.CheckViolation, await SqlStateOf(new NewGoal("HOBBY", "x")));
        Assert.Equal(PostgresErrorCodes.CheckViolation, await SqlStateOf(new NewGoal(GoalTypes.Career, "")));
        Assert.Equal(PostgresErrorCodes.CheckViolation, await SqlStateOf(new NewGoal(GoalTypes.Career, new string('t', 201))));
        Assert.Equal(PostgresErrorCodes.CheckViolation, await SqlStateOf(new NewGoal(GoalTypes.Career, "x", new string('i', 10_001))));
        Assert.Equal(PostgresErrorCodes.CheckViolation, await SqlStateOf(new NewGoal(GoalTypes.Career, "x", Color: "red")));
    }

    [Fact]
    public async Task Goals_are_listed_newest_first()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _goals.CreateAsync(session, student, new NewGoal(GoalTypes.Career, $"g{i}"), TestLimits.None)).Id);
        }
        var listed = await _goals.ListAllNewestFirstAsync(session, student);
        Assert.Equal(Enumerable.Reverse(ids), listed.Select(g => g.Id));
    }

    [Fact]
    public async Task The_full_list_is_not_cut_at_the_page_size()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        await session.ExecuteAsync(
            "INSERT INTO goals (student_id, goal_type, title) SELECT @StudentId, 'CAREER', 'g' || n FROM generate_series(1, @Count) AS n",
            new { StudentId = student, Count = GoalRepository.MaxPageSize + 20 });
        Assert.Equal(GoalRepository.MaxPageSize + 20, (await _goals.ListAllNewestFirstAsync(session, student)).Count);
    }

    [Fact]
    public async Task Keyset_pages_cover_every_matching_goal_once_in_order()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        var baseDue = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 23; i++)
        {
            // Several goals share a due date (ties broken by id) and every third has none.
            DateTime? due = i % 3 == 0 ? null : baseDue.AddDays(i % 4);
            var goal = await _goals.CreateAsync(session, student, new NewGoal(i % 2 == 0 ? GoalTypes.Academic : GoalTypes.Career, $"g{i}", DueAt: due), TestLimits.None);
            if (i % 5 == 0)
            {
                await _goals.SetCompleteAsync(session, student, goal.Id, true);
            }
        }
        var all = await _goals.ListAllNewestFirstAsync(session, student);

        async Task<List<GoalRow>> ReadAll(GoalListQuery query)
        {
            var rows = new List<GoalRow>();
            for (var page = await _goals.ListAsync(session, student, query); ; page = await _goals.ListAsync(session, student, query with { After = page.EndCursor }))
            {
                Assert.True(page.Items.Count <= query.First);
                Assert.Equal(all.Count(g => (query.GoalType is null || g.GoalType == query.GoalType) && (query.Complete is null || g.Complete == query.Complete)),
                    page.TotalCount);
                rows.AddRange(page.Items);
                if (!page.HasNextPage)
                {
                    return rows;
                }
            }
        }

        var roundTrips = session.RoundTrips;
        await _goals.ListAsync(session, student, new GoalListQuery { First = 4 });
        Assert.Equal(roundTrips + 1, session.RoundTrips); // the page and its total count travel together

        var newest = await ReadAll(new GoalListQuery { First = 4 });
        Assert.Equal(all.Select(g => g.Id), newest.Select(g => g.Id));

        var byDue = await ReadAll(new GoalListQuery { First = 3, Sort = GoalSort.DueAtAscending });
        var expectedByDue = all.OrderBy(g => g.DueAt is null).ThenBy(g => g.DueAt).ThenBy(g => g.Id).Select(g => g.Id).ToList();
        Assert.Equal(expectedByDue.Count, byDue.Count);
        Assert.Equal(expectedByDue.Select(id => all.Single(g => g.Id == id).DueAt), byDue.Select(g => g.DueAt));
        Assert.Equal(all.Count, byDue.Select(g => g.Id).Distinct().Count());

        var academicOpen = await ReadAll(new GoalListQuery { First = 2, GoalType = GoalTypes.Academic, Complete = false });
        Assert.Equal(all.Where(g => g is { GoalType: GoalTypes.Academic, Complete: false }).Select(g => g.Id), academicOpen.Select(g => g.Id));

        var completeByDue = await ReadAll(new GoalListQuery { First = 1, Complete = true, Sort = GoalSort.DueAtAscending });
        Assert.Equal(all.Count(g => g.Complete), completeByDue.Count);

        await Assert.ThrowsAsync<InvalidCursorException>(() => _goals.ListAsync(session, student, new GoalListQuery { After = "not-a-cursor" }));
        var createdCursor = (await _goals.ListAsync(session, student, new GoalListQuery { First = 1 })).EndCursor;
        await Assert.ThrowsAsync<InvalidCursorException>(() => _goals.ListAsync(session, student, new GoalListQuery { After = createdCursor, Sort = GoalSort.DueAtAscending }));
    }

    [Fact]
    public async Task Another_student_can_neither_read_nor_change_a_goal()
    {
        var owner = Guid.NewGuid();
        var intruder = Guid.NewGuid();
        await using var session = db.OpenSession();
        var goal = await _goals.CreateAsync(session, owner, new NewGoal(GoalTypes.DevelopingMe, "mine"), TestLimits.None);

        Assert.Null(await _goals.GetAsync(session, intruder, goal.Id));
        Assert.Empty(await _goals.ListAllNewestFirstAsync(session, intruder));
        Assert.Empty((await _goals.ListAsync(session, intruder, new GoalListQuery())).Items);
        var loaded = _goals.EnqueueByIds(session, intruder, [goal.Id]);
        await session.FlushAsync();
        Assert.Empty(await loaded);
        Assert.Null(await _goals.UpdateAsync(session, intruder, goal.Id, new GoalUpdate { Title = "stolen" }));
        Assert.Null(await _goals.SetCompleteAsync(session, intruder, goal.Id, true));
        Assert.False(await _goals.DeleteAsync(session, intruder, goal.Id));

        Assert.Equal(goal, await _goals.GetAsync(session, owner, goal.Id));
    }
}
