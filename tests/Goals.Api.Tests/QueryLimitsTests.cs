using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>The app's default depth/complexity limits count what a request really asks for.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryLimitsTests(DatabaseFixture database) : IAsyncLifetime
{
    private TestApi _api = null!;

    public async Task InitializeAsync() => _api = await TestApi.StartAsync(database);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Introspection_under_a_hundred_aliases_is_refused_before_execution()
    {
        // The shape of the report in issue 8: a 24 KB request whose answer was 32.6 MB.
        const string schemaDump = "__schema { types { name kind description fields { name description isDeprecated deprecationReason args { name description type { name kind } } " +
                                  "type { name kind ofType { name kind ofType { name kind } } } } } }";
        var query = "{ " + string.Concat(Enumerable.Range(0, 100).Select(i => $"dump{i}: {schemaDump} ")) + "}";
        Assert.InRange(query.Length, 20_000, 28_000);

        var response = await _api.PostAsync(query);
        Assert.Equal(400, response.Status);
        Assert.False(response.Body.ContainsKey("data"));
        Assert.StartsWith("Query complexity ", response.SingleError("QUERY_TOO_COMPLEX")["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // One of them is an ordinary schema listing and passes.
        Assert.NotNull((await _api.PostAsync("{ " + schemaDump + " }")).RequireData()["__schema"]);
    }

    [Fact]
    public async Task Connection_first_from_a_variable_sizes_the_cost_per_request()
    {
        var token = _api.Token(Guid.NewGuid());
        const string page = "query($n: Int) { goalsConnection(first: $n) { edges { node { id title tasks { id information complete createdAt updatedAt } " +
                            "notes { id information createdAt updatedAt } } } } }";
        Assert.Empty((await _api.PostAsync(page, new { n = 20 }, token)).RequireData()["goalsConnection"]!["edges"]!.AsArray());
        var refused = await _api.PostAsync(page, new { n = 100 }, token);
        refused.SingleError("QUERY_TOO_COMPLEX");
        Assert.False(refused.Body.ContainsKey("data"));
        Assert.Equal(0, _api.Requests.Last().RoundTrips); // refused before any SQL
    }

    [Fact]
    public async Task Without_introspection_validation_messages_suggest_no_names()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:Introspection"] = "false" });
        var token = api.Token(Guid.NewGuid());
        var message = (await api.PostAsync("{ goals { titel } }", token: token)).SingleError("GRAPHQL_VALIDATION_FAILED")["message"]!.GetValue<string>();
        Assert.Equal("Cannot query field \"titel\" on type \"Goal\".", message);
        var withIntrospection = (await _api.PostAsync("{ goals { titel } }", token: token)).SingleError("GRAPHQL_VALIDATION_FAILED");
        Assert.Equal("Cannot query field \"titel\" on type \"Goal\". Did you mean \"title\" or \"notes\"?", withIntrospection["message"]!.GetValue<string>());
    }
}
