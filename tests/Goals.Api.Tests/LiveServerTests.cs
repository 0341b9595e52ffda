using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>The README run: `bash scripts/run.sh` (Goals.Local serve) → /health → `token` verb → the demo student's goals over HTTP;
/// and the npm graphql-http audit against that live server.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class LiveServerTests(LiveServer server)
{
    [Fact]
    public async Task Readme_run_command_serves_the_demo_students_goals_with_a_minted_token()
    {
        // As the README: TOKEN=$(ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/Goals.Local -- token)
        var (exit, stdout, stderr) = await server.RunVerbInDevelopmentAsync("token", "--minutes", "5");
        Assert.True(exit == 0, $"token exited {exit}: {stderr}");
        var token = stdout.Trim();
        Assert.Equal(3, token.Split('.').Length); // stdout holds ONLY the JWT

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.GraphQLUrl)
        {
            Content = new StringContent("{\"query\":\"{ goals { title tasks { information } notes { information } } }\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        var titles = body["data"]!["goals"]!.AsArray().Select(g => g!["title"]!.GetValue<string>()).ToArray();
        Assert.Equal(["Apply for a summer placement", "Run a 5k", "Finish the maths coursework"], titles);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData(null)] // no environment chosen = Production
    public async Task Token_verb_is_refused_unless_Development_is_chosen(string? environment)
    {
        var variables = environment is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment };
        var (exit, stdout, stderr) = await server.RunVerbAsync(variables, "token");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout.Trim());
        Assert.Contains("only in the Development environment", stderr);
    }

    [Fact]
    public async Task Graphql_http_audit_passes_every_MUST()
    {
        var auditDirectory = Path.Combine(LiveServer.RepositoryRoot, "tests", "graphql-http-audit");
        if (!File.Exists(Path.Combine(auditDirectory, "node_modules", "graphql-http", "package.json")))
        {
            var (npmExit, npmOutput) = await RunAsync("npm", auditDirectory, "ci", "--no-audit", "--no-fund", "--loglevel=error");
            Assert.True(npmExit == 0, "npm ci in tests/graphql-http-audit failed:\n" + npmOutput);
        }

        var (exit, output) = await RunAsync("node", auditDirectory, "audit.mjs", server.GraphQLUrl.ToString());
        Assert.True(exit == 0, "graphql-http audit failed:\n" + output);
        Assert.Contains("0 MUST failed", output);
    }

    private static async Task<(int, string)> RunAsync(string file, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
