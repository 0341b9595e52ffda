using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Jobs;

/// <summary>The README's jobs walk-through against `bash scripts/run.sh`: start an export, poll the job (the in-process
/// worker of `serve` runs it, no AWS), download the file from the signed link.</summary>
[Collection(LiveServerCollection.Name)]
public sealed class ReadmeJobTests(LiveServer server)
{
    [Fact]
    public async Task Readme_export_is_run_by_serve_itself_polled_and_downloaded()
    {
        var (exit, stdout, stderr) = await server.RunVerbInDevelopmentAsync("token", "--minutes", "5");
        Assert.True(exit == 0, $"token exited {exit}: {stderr}");
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stdout.Trim());

        var started = await PostAsync(http, "mutation { startExport(input: { format: JSON }) { job { id status } } }", null);
        var id = started["startExport"]!["job"]!["id"]!.GetValue<string>();

        var job = started["startExport"]!["job"]!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (job["status"]!.GetValue<string>() is "QUEUED" or "RUNNING" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            job = (await PostAsync(http, "query($id: UUID!) { job(id: $id) { status error { code message } download { url expiresAt } } }", new { id }))["job"]!;
        }

        Assert.True(job["status"]!.GetValue<string>() == "SUCCEEDED", job.ToJsonString() + "\n" + server.Output);
        using var anonymous = new HttpClient();
        var file = JsonNode.Parse(await anonymous.GetStringAsync(job["download"]!["url"]!.GetValue<string>()))!;
        Assert.Equal("goals-export/1", file["format"]!.GetValue<string>());
        Assert.NotEmpty(file["goals"]!.AsArray()); // the demo student's goals
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string query, object? variables)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json");
        var response = await http.PostAsync("/graphql", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body.ToJsonString());
        return body["data"]!;
    }
}
