using System.Text.Json.Nodes;
using Goals.Api.Auth;
using Goals.Local.Auth;
using Goals.Api.Hosting;
using Goals.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Goals.Api.Tests;

/// <summary>Fail closed on configuration: start-up refuses settings that would let the wrong people in (or nobody), and
/// says why; Development (and its public signing key) only when chosen.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConfigurationTests(DatabaseFixture database)
{
    private const string Authority = "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example";

    public static TheoryData<string, string[], string> InvalidSettings() => new()
    {
        { "Production", [], "No token issuer is configured: set Auth:Authority" },
        { "Production", ["Auth:SigningKey", DevTokens.DevelopmentSigningKey], "is the public development key" },
        { "Staging", ["Auth:SigningKey", DevTokens.DevelopmentSigningKey], "is the public development key" },
        { "Testing", ["Auth:SigningKey", "too-short-key"], "must be at least 32 bytes" },
        { "Production", ["Auth:SigningKey", "too-short-key"], "must be at least 32 bytes" },
        { "Production", ["Auth:Authority", Authority, "Auth:SigningKey", TestApi.SigningKey], "configure exactly one" },
        { "Production", ["Auth:Authority", "http://idp.example"], "must use https in the Production environment" },
        { "Production", ["Auth:Authority", "not a url"], "must be an absolute https URL" },
        { "Production", ["Auth:Authority", Authority, "Auth:Issuer", ""], "Auth:Issuer is required" },
        { "Production", ["Auth:Authority", Authority, "Auth:Audience", " "], "Auth:Audience is required" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:MaxRequestBytes", "0"], "GraphQL:MaxRequestBytes must be between 1 and" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:MaxRequestBytes", "-1"], "GraphQL:MaxRequestBytes must be between 1 and" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:MaxDepth", "0"], "GraphQL:MaxDepth must be at least 1" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:MaxComplexity", "-5"], "GraphQL:MaxComplexity must be at least 1" },
        { "Production", ["Auth:Authority", Authority, "Cors:Origins:0", "*"], "Cors:Origins holds '*'" },
        { "Production", ["Auth:Authority", Authority, "Cors:Origins:0", "https://spa.example/app"], "Cors:Origins holds 'https://spa.example/app'" },
        { "Production", ["Auth:Authority", Authority, "Cors:Origins:0", "https://spa.example/"], "Cors:Origins holds 'https://spa.example/'" },
        { "Production", ["Auth:Authority", Authority, "Cors:Origins:0", "spa.example"], "Cors:Origins holds 'spa.example'" },
        { "Production", ["Auth:Authority", Authority, "Cors:Origins:0", "ftp://spa.example"], "Cors:Origins holds 'ftp://spa.example'" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:MaxResultBytes", "0"], "GraphQL:MaxResultBytes must be at least 1" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:DocumentCacheBytes", "-1"], "GraphQL:DocumentCacheBytes must be at least 1" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:PersistedQueryMaxEntries", "0"], "GraphQL:PersistedQueryMaxEntries must be at least 1" },
        { "Production", ["Auth:Authority", Authority, "GraphQL:MaxDepth", "deep"], "GraphQL:MaxDepth" },
        { "Production", ["Auth:Authority", Authority, "Database:MaxPoolSize", "0"], "Database:MaxPoolSize must be a whole number of at least 1" },
        { "Production", ["Auth:Authority", Authority, "Database:KeepaliveSeconds", "-1"], "Database:KeepaliveSeconds must be a whole number of seconds" },
        { "Production", ["Auth:Authority", Authority, "Database:ConnectTimeoutSeconds", "soon"], "Database:ConnectTimeoutSeconds" },
        { "Production", ["Auth:Authority", Authority, "Jobs:LeaseSeconds", "0"], "Jobs:LeaseSeconds must be a whole number of at least 1" },
        { "Production", ["Auth:Authority", Authority, "Jobs:LinkSigningKey", "short"], "Jobs:LinkSigningKey must have at least 32 characters" },
        { "Production", ["Auth:Authority", Authority, "Serve:MaxHeapMegabytes", "-1"], "Serve:MaxHeapMegabytes must be a whole number of megabytes" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task Invalid_settings_fail_start_up_with_a_clear_message(string environment, string[] settings, string expected)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(environment, settings));
        var failures = Failures(failure);
        Assert.True(failures.Any(f => f.Contains(expected, StringComparison.Ordinal)), $"expected '{expected}' in: {string.Join(" | ", failures)}");
    }

    public static TheoryData<string, string[]> ValidSettings() => new()
    {
        { "Development", [] }, // appsettings.Development.json: the development key
        { "Production", ["Auth:Authority", Authority] },
        { "Production", ["Auth:Authority", Authority, "Cors:Origins:0", "https://spa.example", "Cors:Origins:1", "http://localhost:5173"] },
        { "Staging", ["Auth:SigningKey", TestApi.SigningKey] },
        { "Production", ["Auth:SigningKey", TestApi.SigningKey] }, // an operator's own strong key (the peers bench runs so)
    };

    [Theory]
    [MemberData(nameof(ValidSettings))]
    public async Task Valid_settings_start(string environment, string[] settings)
    {
        await using var app = await StartAsync(environment, settings);
        var response = await app.GetTestClient().GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void The_refused_development_key_is_the_one_in_appsettings_Development()
    {
        var file = Path.Combine(LiveServer.RepositoryRoot, "src", "Goals.Local", "appsettings.Development.json");
        var key = JsonNode.Parse(File.ReadAllText(file))!["Auth"]!["SigningKey"]!.GetValue<string>();
        Assert.Equal(DevTokens.DevelopmentSigningKey, key);
    }

    private async Task<WebApplication> StartAsync(string environment, string[] settings)
    {
        var builder = GoalsApp.CreateBuilder([], environment);
        builder.WebHost.UseTestServer();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Goals"] = database.ConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < settings.Length; i += 2) values[settings[i]] = settings[i + 1];
        builder.Configuration.AddInMemoryCollection(values);
        GoalsApp.ConfigureServices(builder);
        var app = GoalsApp.Build(builder);
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures).ToList(),
        _ => [exception.ToString()],
    };
}

/// <summary>`serve` as an operator would start it, without choosing an environment: Production, so neither the
/// development signing key nor the Development settings apply.</summary>
[Collection(ApiCollection.Name)]
public sealed class ServeWithoutEnvironmentTests(DatabaseFixture database)
{
    private const string GoalsQuery = "{\"query\":\"{ goals { id } }\"}";

    /// <summary>A token for a fresh student signed with the development key, with appsettings.json's issuer and audience.</summary>
    private static string DevelopmentKeyToken() => DevelopmentTokens.Create(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = DevTokens.DevelopmentSigningKey,
        ["Auth:Issuer"] = "goals-api-local",
        ["Auth:Audience"] = "goals-api",
    }).Build(), Guid.NewGuid(), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_server_started_without_an_environment_refuses_tokens_signed_with_the_development_key()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Goals"] = database.ConnectionString,
            ["Auth__Authority"] = "https://127.0.0.1:1/unreachable-idp", // what a deployment sets; nothing answers there
        }, "serve");
        await app.WaitUntilHealthyAsync();

        var response = await PostAsync(app, DevelopmentKeyToken());
        Assert.Equal("UNAUTHENTICATED", response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(response["data"]?["goals"]);
    }

    [Fact]
    public async Task The_same_token_works_when_Development_is_chosen_explicitly()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Goals"] = database.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
        }, "serve");
        await app.WaitUntilHealthyAsync();

        var response = await PostAsync(app, DevelopmentKeyToken());
        Assert.True(response["errors"] is null, response.ToJsonString());
        Assert.Empty(response["data"]!["goals"]!.AsArray());
    }

    [Theory]
    [InlineData("Auth__SigningKey", DevTokens.DevelopmentSigningKey, "is the public development key from appsettings.Development.json")]
    [InlineData("GraphQL__MaxRequestBytes", "0", "GraphQL:MaxRequestBytes must be between 1 and")]
    [InlineData("Cors__Origins__0", "https://spa.example/*", "Cors:Origins holds 'https://spa.example/*'")]
    public async Task Start_up_without_an_environment_fails_with_the_message(string variable, string value, string message)
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Goals"] = database.ConnectionString, [variable] = value };
        if (variable != "Auth__SigningKey") environment["Auth__Authority"] = "https://127.0.0.1:1/unreachable-idp";
        await using var app = AppProcess.Start(environment, "serve");
        Assert.Equal(1, await app.WaitForExitAsync());
        Assert.Contains("The configuration is invalid; nothing was started:", app.Output);
        Assert.Contains(message, app.Output);
        Assert.DoesNotContain("   at ", app.Output); // a message, not a stack trace
    }

    private static async Task<JsonNode> PostAsync(AppProcess app, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.BaseUrl, "/graphql"))
        {
            Content = new StringContent(GoalsQuery, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
