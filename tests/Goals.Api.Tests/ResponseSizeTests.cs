using Goals.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Goals.Api.Tests;

/// <summary>GraphQL:MaxResultBytes: an answer past it is RESPONSE_TOO_LARGE instead of megabytes built in memory.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResponseSizeTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Dashboard = "{ goals { id title information tasks { id information } notes { id information } } }";
    private TestApi _api = null!;

    public async Task InitializeAsync() => _api = await TestApi.StartAsync(database);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    /// <summary>A student with <paramref name="goals"/> goals of 5,000 characters of information each (set-based insert).</summary>
    private async Task<Guid> StudentWithBigGoalsAsync(int goals)
    {
        var student = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO goals (student_id, goal_type, title, information) SELECT @student, 'CAREER', 'goal ' || g, repeat('i', 5000) " +
            "FROM generate_series(1, @goals) g", connection);
        insert.Parameters.AddWithValue("student", student);
        insert.Parameters.AddWithValue("goals", goals);
        await insert.ExecuteNonQueryAsync();
        return student;
    }

    [Fact]
    public async Task The_dashboard_of_a_student_with_6_MB_of_goals_answers_RESPONSE_TOO_LARGE()
    {
        var token = _api.Token(await StudentWithBigGoalsAsync(1_200));

        var response = await _api.PostAsync(Dashboard, token: token, accept: "application/json");

        Assert.Equal(200, response.Status);
        Assert.False(response.Body.ContainsKey("data"));
        var error = response.SingleError("RESPONSE_TOO_LARGE");
        Assert.Equal(5_000_000, error["extensions"]!["maxBytes"]!.GetValue<long>());
        Assert.Contains("goalsConnection", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(response.Body.ToJsonString().Length < 1_000);

        // What the message advises works for the same student.
        var page = await _api.PostAsync("{ goalsConnection(first: 100) { edges { node { information } } pageInfo { hasNextPage } } }", token: token);
        Assert.Equal(100, page.RequireData()["goalsConnection"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_bound_is_configurable_and_answers_within_it_are_untouched()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:MaxResultBytes"] = "40000" });
        var token = api.Token(await StudentWithBigGoalsAsync(11));
        Assert.Equal(11, (await _api.PostAsync(Dashboard, token: token)).RequireData()["goals"]!.AsArray().Count);
        var refused = await api.PostAsync(Dashboard, token: token);
        Assert.Equal(40_000, refused.SingleError("RESPONSE_TOO_LARGE")["extensions"]!["maxBytes"]!.GetValue<long>());
        Assert.Equal(5, (await api.PostAsync("{ goalsConnection(first: 5) { edges { node { information } } } }", token: token))
            .RequireData()["goalsConnection"]!["edges"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("GraphQL:MaxResultBytes")]
    [InlineData("GraphQL:DocumentCacheBytes")]
    public async Task A_bound_below_one_byte_stops_the_start(string key)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestApi.StartAsync(database, new Dictionary<string, string?> { [key] = "0" }));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
