using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.Local.Auth;
using Goals.Api.Hosting;
using Goals.Local;
using Goals.Api.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>The real app pipeline (GoalsApp) on a TestServer over the shared private PostgreSQL. No mocks.</summary>
public sealed class TestApi : IAsyncDisposable, IGraphQLRequestObserver
{
    public const string SigningKey = "goals-api-TEST-signing-key-0123456789abcdef";
    public const string Issuer = "goals-api-test";
    public const string Audience = "goals-api";
    public const string SpaOrigin = "http://spa.example.test";

    private readonly WebApplication _app;

    private TestApi(WebApplication app) => _app = app;

    public HttpClient Client { get; private set; } = null!;
    public IConfiguration Configuration => _app.Configuration;
    public IServiceProvider Services => _app.Services;
    public ConcurrentQueue<GraphQLRequestStats> Requests { get; } = new();

    public void OnRequest(GraphQLRequestStats stats) => Requests.Enqueue(stats);

    public static async Task<TestApi> StartAsync(DatabaseFixture database, IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = GoalsApp.CreateBuilder([], "Testing");
        builder.WebHost.UseTestServer();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Goals"] = database.ConnectionString,
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Cors:Origins:0"] = SpaOrigin,
            ["GraphQL:MaxRequestBytes"] = "65536",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:MaxPoolSize"] = "10",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        GoalsApp.ConfigureServices(builder);
        builder.Services.AddGraphQLIde(); // as the local run serves it (the deployed app has no IDE)
        configureServices?.Invoke(builder.Services);
        TestApi? api = null;
        builder.Services.AddSingleton<IGraphQLRequestObserver>(_ => api!);
        var app = GoalsApp.Build(builder);
        api = new TestApi(app);
        await app.StartAsync();
        api.Client = app.GetTestClient();
        return api;
    }

    public string Token(Guid studentId, TimeSpan? lifetime = null, DateTime? now = null) =>
        DevelopmentTokens.Create(Configuration, studentId, lifetime ?? TimeSpan.FromMinutes(10), now);

    /// <summary>POSTs a GraphQL request (application/json); returns status, content type and the parsed body.</summary>
    public async Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? token = null,
        string? accept = "application/graphql-response+json", string? operationName = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, operationName });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await GraphQLResponse.ReadAsync(await Client.SendAsync(request));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record GraphQLResponse(int Status, string? ContentType, JsonObject Body, HttpResponseMessage Message)
{
    public static async Task<GraphQLResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            body = new JsonObject { ["__raw"] = text };
        }

        return new GraphQLResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, response);
    }

    public JsonNode? Data => Body["data"];
    public JsonArray Errors => Body["errors"] as JsonArray ?? [];
    public IReadOnlyList<string?> Codes => Errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>()).ToList();

    /// <summary>Fails with the whole body when the response has errors.</summary>
    public JsonNode RequireData()
    {
        Assert.True(Errors.Count == 0, "Unexpected errors: " + Body.ToJsonString());
        return Data ?? throw new Xunit.Sdk.XunitException("No data: " + Body.ToJsonString());
    }

    public JsonObject SingleError(string code)
    {
        Assert.True(Errors.Count >= 1, "Expected an error " + code + ": " + Body.ToJsonString());
        var error = Errors[0]!.AsObject();
        Assert.True(code == error["extensions"]?["code"]?.GetValue<string>(), $"Expected {code}: {Body.ToJsonString()}");
        return error;
    }
}
