using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;
using Goals.Local.Auth;
using Microsoft.Extensions.Configuration;

namespace Goals.Api.Tests;

/// <summary>
/// `Goals.Api serve`, the deployed executable on Kestrel outside Lambda (a container, the peers load benchmark): it serves
/// the configured database only, as Production, with no IDE, and refuses to start rather than fall back to anything local.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiServeTests(DatabaseFixture database)
{
    private const string Issuer = "goals-serve-test";

    [Fact]
    public async Task Serves_the_configured_database_with_an_operators_key_and_no_ide()
    {
        await using var app = AppProcess.StartApi(new Dictionary<string, string>
        {
            ["ConnectionStrings__Goals"] = database.ConnectionString,
            ["Auth__SigningKey"] = TestApi.SigningKey,
            ["Auth__Issuer"] = Issuer,
            ["Auth__Audience"] = "goals-api",
        }, "serve");
        await app.WaitUntilHealthyAsync();

        using var http = new HttpClient();
        var student = Guid.NewGuid();
        var created = await PostAsync(http, app, student,
            """{"query":"mutation { createGoal(input: {goalType: ACADEMIC, title: \"served\", idempotencyKey: \"k1\"}) { goal { title } } }"}""");
        Assert.True(created["errors"] is null, created.ToJsonString());
        var listed = await PostAsync(http, app, student, """{"query":"{ goals { title } }"}""");
        Assert.Equal("served", listed["data"]!["goals"]![0]!["title"]!.GetValue<string>());

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseUrl, "/graphql"));
        page.Headers.Add("Accept", "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await http.SendAsync(page)).StatusCode);
    }

    [Fact]
    public async Task Without_a_connection_string_it_refuses_to_start_and_starts_no_database()
    {
        await using var app = AppProcess.StartApi(new Dictionary<string, string> { ["Auth__SigningKey"] = TestApi.SigningKey }, "serve");
        Assert.Equal(1, await app.WaitForExitAsync());
        Assert.Contains("ConnectionStrings:Goals is not set", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgreSQL", app.Output, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, AppProcess app, Guid student, string body)
    {
        var token = DevelopmentTokens.Create(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:SigningKey"] = TestApi.SigningKey,
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = "goals-api",
        }).Build(), student, TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.BaseUrl, "/graphql"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
