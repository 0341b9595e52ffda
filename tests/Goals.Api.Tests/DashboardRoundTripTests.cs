using Goals.Api.Cli;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>The dashboard query costs 2 round trips (goals; then tasks + notes in ONE batch) whatever the number of goals.</summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardRoundTripTests(DatabaseFixture database)
{
    [Fact]
    public async Task Dashboard_over_50_goals_is_2_round_trips_and_3_statements()
    {
        // A seeded student (set-based seed, the same code as the `seed` verb) with 50 goals x (4 tasks + 2 notes).
        var studentNumber = Random.Shared.Next(100_000, 999_999);
        await using var api = await TestApi.StartAsync(database);
        var seeded = await SeedCommand.SeedAsync(database.ConnectionString, 1, 50, 4, 2, CancellationToken.None, studentNumber);
        var student = Assert.Single(seeded);
        Assert.Equal(SeedCommand.StudentIdOf(studentNumber), student);

        api.Requests.Clear();
        var response = await api.PostAsync($"query Dashboard {{ goals {{ {GoalsApiTests.GoalFields} }} }}", token: api.Token(student));
        var goals = response.RequireData()["goals"]!.AsArray();
        Assert.Equal(50, goals.Count);
        Assert.All(goals, g => Assert.Equal(4, g!["tasks"]!.AsArray().Count));
        Assert.All(goals, g => Assert.Equal(2, g!["notes"]!.AsArray().Count));

        var stats = Assert.Single(api.Requests);
        Assert.Equal("Dashboard", stats.OperationName);
        Assert.Equal(2, stats.RoundTrips);
        Assert.Equal(3, stats.SqlStatements);
    }
}
