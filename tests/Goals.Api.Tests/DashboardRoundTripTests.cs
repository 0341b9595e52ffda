using Goals.Local.Cli;
using Goals.Api.Tests.Infrastructure;
using Npgsql;

namespace Goals.Api.Tests;

/// <summary>
/// The dashboard, one-goal and titles queries each cost ONE round trip whatever the number of goals: the goals and the
/// child lists the query asks for go out in one batch, and the pool sends no DISCARD ALL after the request.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardRoundTripTests(DatabaseFixture database)
{
    [Fact]
    public async Task Dashboard_over_50_goals_is_1_round_trip_and_3_statements()
    {
        var (api, student) = await SeededAsync();
        await using var _ = api;

        var response = await api.PostAsync($"query Dashboard {{ goals {{ {GoalsApiTests.GoalFields} }} }}", token: api.Token(student));
        var goals = response.RequireData()["goals"]!.AsArray();
        Assert.Equal(50, goals.Count);
        Assert.All(goals, g => Assert.Equal(4, g!["tasks"]!.AsArray().Count));
        Assert.All(goals, g => Assert.Equal(2, g!["notes"]!.AsArray().Count));

        var stats = Assert.Single(api.Requests);
        Assert.Equal("Dashboard", stats.OperationName);
        Assert.Equal(1, stats.RoundTrips);
        Assert.Equal(3, stats.SqlStatements);
    }

    [Fact]
    public async Task One_goal_with_its_tasks_and_notes_is_1_round_trip_and_the_same_answer_as_in_the_dashboard()
    {
        var (api, student) = await SeededAsync();
        await using var _ = api;
        var dashboard = (await api.PostAsync($"{{ goals {{ {GoalsApiTests.GoalFields} }} }}", token: api.Token(student))).RequireData()["goals"]!.AsArray();
        var wanted = dashboard[7]!;
        api.Requests.Clear();

        var one = await api.PostAsync($"query One($id: UUID!) {{ goals(goalId: $id) {{ {GoalsApiTests.GoalFields} }} }}",
            new { id = wanted["id"]!.GetValue<string>() }, api.Token(student));

        Assert.Equal(wanted.ToJsonString(), Assert.Single(one.RequireData()["goals"]!.AsArray())!.ToJsonString());
        var stats = Assert.Single(api.Requests);
        Assert.Equal(1, stats.RoundTrips);
        Assert.Equal(3, stats.SqlStatements);
    }

    [Fact]
    public async Task Titles_only_is_1_statement_and_reads_only_what_was_asked()
    {
        var (api, student) = await SeededAsync();
        await using var _ = api;

        var titles = (await api.PostAsync("query Titles { goals { title } }", token: api.Token(student))).RequireData()["goals"]!.AsArray();

        Assert.Equal(50, titles.Count);
        Assert.All(titles, g => Assert.Equal(["title"], g!.AsObject().Select(p => p.Key)));
        var stats = Assert.Single(api.Requests);
        Assert.Equal(1, stats.RoundTrips);
        Assert.Equal(1, stats.SqlStatements);
    }

    [Fact]
    public async Task A_connection_goes_back_to_the_pool_without_DISCARD_ALL()
    {
        await using var api = await KestrelApi.StartAsync(database.ConnectionString, poolSize: 1);
        using var http = new HttpClient();
        (await api.PostAsync(http, "{ goals { title } }", null, Guid.NewGuid())).RequireData();

        // pg_stat_activity shows an idle connection's last statement: the request's own SELECT, not a reset.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT query FROM pg_stat_activity WHERE application_name = @name AND state = 'idle'", connection);
        command.Parameters.AddWithValue("name", api.ApplicationName);
        var last = (string?)await command.ExecuteScalarAsync();
        Assert.NotNull(last);
        Assert.StartsWith("SELECT", last.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("DISCARD", last, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The app and a seeded student (set-based seed, the same code as the `seed` verb) with 50 goals × (4 tasks + 2 notes).</summary>
    private async Task<(TestApi Api, Guid Student)> SeededAsync()
    {
        var studentNumber = Random.Shared.Next(100_000, 999_999);
        var api = await TestApi.StartAsync(database);
        var seeded = await SeedCommand.SeedAsync(database.ConnectionString, 1, 50, 4, 2, CancellationToken.None, studentNumber);
        var student = Assert.Single(seeded);
        Assert.Equal(SeedCommand.StudentIdOf(studentNumber), student);
        api.Requests.Clear();
        return (api, student);
    }
}
