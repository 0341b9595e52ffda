using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>GraphQL over HTTP: methods, media types, status codes, limits, CORS, /health, the IDE route.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpProtocolTests(DatabaseFixture database) : IAsyncLifetime
{
    private TestApi _api = null!;

    public async Task InitializeAsync() => _api = await TestApi.StartAsync(database);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<GraphQLResponse> Send(HttpMethod method, string url, string? body = null, string? contentType = "application/json",
        string? accept = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        configure?.Invoke(request);
        return await GraphQLResponse.ReadAsync(await _api.Client.SendAsync(request));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    [InlineData("application/*", "application/json")]
    public async Task Accept_negotiation(string? accept, string expected)
    {
        var response = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", accept: accept);
        Assert.Equal(200, response.Status);
        Assert.Equal(expected + "; charset=utf-8", response.ContentType);
        Assert.Equal("Query", response.RequireData()["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unacceptable_accept_is_406()
    {
        var response = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", accept: "text/plain");
        Assert.Equal(406, response.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task Unsupported_content_type_is_415(string? contentType)
    {
        var response = await Send(HttpMethod.Post, "/graphql", "{\"query\":\"{ __typename }\"}", contentType: contentType);
        Assert.Equal(415, response.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{ \"not a JSON")]
    [InlineData("[]")]
    [InlineData("{\"notquery\":\"{ __typename }\"}")]
    [InlineData("{\"query\":42}")]
    [InlineData("{\"query\":{\"obj\":1}}")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":\"string\"}")]
    [InlineData("{\"query\":\"{ __typename }\",\"variables\":[1]}")]
    [InlineData("{\"query\":\"{ __typename }\",\"operationName\":0}")]
    [InlineData("{\"query\":\"{ __typename }\",\"extensions\":false}")]
    public async Task Malformed_requests_are_400_with_errors(string body)
    {
        foreach (var accept in new[] { "application/json", "application/graphql-response+json" })
        {
            var response = await Send(HttpMethod.Post, "/graphql", body, accept: accept);
            Assert.Equal(400, response.Status);
            Assert.Equal("BAD_REQUEST", response.Codes.Single());
            Assert.False(response.Body.ContainsKey("data"));
        }
    }

    [Theory]
    [InlineData("{", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ nope }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Parse_and_validation_errors_are_400_with_graphql_response_json_and_200_with_json(string query, string code)
    {
        var body = new JsonObject { ["query"] = query }.ToJsonString();
        var strict = await Send(HttpMethod.Post, "/graphql", body, accept: "application/graphql-response+json");
        Assert.Equal(400, strict.Status);
        Assert.False(strict.Body.ContainsKey("data"));
        Assert.Equal(code, strict.Codes[0]);
        var legacy = await Send(HttpMethod.Post, "/graphql", body, accept: "application/json");
        Assert.Equal(200, legacy.Status);
        Assert.False(legacy.Body.ContainsKey("data"));
    }

    [Fact]
    public async Task Variable_coercion_failure_is_400_with_graphql_response_json()
    {
        var body = "{\"query\":\"query($id: UUID!) { goals(goalId: $id) { id } }\",\"variables\":{\"id\":42}}";
        Assert.Equal(400, (await Send(HttpMethod.Post, "/graphql", body, accept: "application/graphql-response+json")).Status);
        Assert.Equal(200, (await Send(HttpMethod.Post, "/graphql", body, accept: "application/json")).Status);
    }

    [Fact]
    public async Task Get_runs_queries_with_variables_and_operation_name()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("query A($n: String!) { __type(name: $n) { name } } query B { __typename }") +
                  "&operationName=A&variables=" + Uri.EscapeDataString("{\"n\":\"Goal\"}");
        var response = await Send(HttpMethod.Get, url, accept: "application/graphql-response+json");
        Assert.Equal(200, response.Status);
        Assert.Equal("Goal", response.RequireData()["__type"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_mutation_is_405_with_allow_post()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString("mutation { deleteGoal(input: { goalId: \"00000000-0000-4000-8000-000000000000\" }) { deletedGoalId } }");
        var response = await Send(HttpMethod.Get, url, accept: "application/graphql-response+json");
        Assert.Equal(405, response.Status);
        Assert.Contains("POST", response.Message.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_with_bad_variables_is_400()
    {
        var response = await Send(HttpMethod.Get, "/graphql?query=%7B__typename%7D&variables=%5B1%5D");
        Assert.Equal(400, response.Status);
    }

    [Fact]
    public async Task Other_methods_are_405()
    {
        var response = await Send(HttpMethod.Put, "/graphql", "{\"query\":\"{ __typename }\"}");
        Assert.Equal(405, response.Status);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + new string('a', 70_000) + "\"}}";
        var response = await Send(HttpMethod.Post, "/graphql", body);
        Assert.Equal(413, response.Status);
    }

    [Fact]
    public async Task Depth_and_complexity_limits_reject_data_queries_before_execution()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?>
        {
            ["GraphQL:MaxDepth"] = "3",
            ["GraphQL:MaxComplexity"] = "50",
        });
        var token = api.Token(Guid.NewGuid());
        api.Requests.Clear();
        var deep = await api.PostAsync("{ goalsConnection { edges { node { id } } } }", token: token);
        Assert.Equal(400, deep.Status);
        Assert.False(deep.Body.ContainsKey("data"));
        Assert.Equal("QUERY_TOO_COMPLEX", deep.Codes[0]);
        var costly = await api.PostAsync("{ goals { id title tasks { id information } notes { id information } } }", token: token);
        Assert.Equal(400, costly.Status);
        Assert.Equal("QUERY_TOO_COMPLEX", costly.Codes[0]);
        Assert.All(api.Requests, r => Assert.Equal(0, r.RoundTrips)); // rejected before any SQL
    }

    [Fact]
    public async Task Full_ide_introspection_query_is_allowed_despite_the_data_limits()
    {
        // graphql-js getIntrospectionQuery() with every option, as IDEs send it: it costs what it answers (~2,400 fields), and
        // its ofType chain is deeper than MaxDepth, which leaves introspection nesting to the engine's own rule.
        var query = System.Text.Json.JsonSerializer.Deserialize<string>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "full-introspection.json")))!;
        var response = await Send(HttpMethod.Post, "/graphql", new JsonObject { ["query"] = query }.ToJsonString(), accept: "application/graphql-response+json");
        Assert.Equal(200, response.Status);
        Assert.Contains("GoalConnection", response.RequireData().ToJsonString());
    }

    [Fact]
    public async Task Introspection_can_be_turned_off()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:Introspection"] = "false" });
        var response = await api.PostAsync("{ __schema { queryType { name } } }");
        Assert.Equal(400, response.Status);
        Assert.False(response.Body.ContainsKey("data"));
        var data = await api.PostAsync("{ __typename }");
        Assert.Equal("Query", data.RequireData()["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malicious_nested_introspection_is_still_refused()
    {
        var nested = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 10)) + "name" + new string('}', 20) + " } } }";
        var response = await Send(HttpMethod.Post, "/graphql", new JsonObject { ["query"] = nested }.ToJsonString(), accept: "application/graphql-response+json");
        Assert.Equal(400, response.Status);
        Assert.False(response.Body.ContainsKey("data"));
        Assert.Contains(response.Codes[0], new[] { "QUERY_TOO_COMPLEX", "GRAPHQL_VALIDATION_FAILED" }); // engine: max introspection depth
    }

    [Fact]
    public async Task Cors_preflight_for_the_configured_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", TestApi.SpaOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        var response = await _api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TestApi.SpaOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));

        using var other = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        other.Headers.Add("Origin", "http://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        var denied = await _api.Client.SendAsync(other);
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task No_cors_headers_when_no_origins_are_configured()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?> { ["Cors:Origins:0"] = null });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", TestApi.SpaOrigin);
        var response = await api.Client.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Health_reports_the_database()
    {
        var response = await _api.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        Assert.Equal("reachable", body["database"]!.GetValue<string>());
        Assert.Equal("PostgreSQL", body["engine"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_is_503_when_the_database_is_unreachable()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Goals"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2",
        });
        var response = await api.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unreachable", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["database"]!.GetValue<string>());
    }

    [Fact]
    public async Task Browser_get_serves_the_ide_and_its_config()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("*/*;q=0.8"));
        var page = await _api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<base href=\"/graphql/\"/>", html);
        Assert.Contains("Banana Cake Pop", html);
        var config = JsonNode.Parse(await _api.Client.GetStringAsync("/graphql/bcp-config.json"))!;
        Assert.True(config["useBrowserUrlAsEndpoint"]!.GetValue<bool>());
        Assert.True(config["disableTelemetry"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Ide_can_be_turned_off()
    {
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?> { ["GraphQL:Ide"] = "false" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Add("Accept", "text/html");
        var response = await api.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_database_is_a_typed_retryable_error_without_internals()
    {
        // A database that cannot be reached makes the resolver throw an NpgsqlException: the client gets a safe, typed message.
        await using var api = await TestApi.StartAsync(database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Goals"] = "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2",
        });
        var response = await api.PostAsync("{ goals { id } }", token: api.Token(Guid.NewGuid()));
        var error = response.SingleError("SERVICE_UNAVAILABLE");
        Assert.True(error["extensions"]!["retryable"]!.GetValue<bool>());
        Assert.DoesNotContain("Npgsql", response.Body.ToJsonString());
        Assert.DoesNotContain("   at ", response.Body.ToJsonString());
        Assert.NotNull(error["message"]);
    }
}
