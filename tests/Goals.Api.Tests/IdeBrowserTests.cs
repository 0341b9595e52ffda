using Goals.Api.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Goals.Api.Tests;

/// <summary>
/// Banana Cake Pop in a real Chromium (Debian's /usr/bin/chromium; Playwright's own browser download is not used):
/// the page loads, the IDE fetches the schema by introspection from /graphql, and a query typed into it returns data.
/// Fails (does not skip) when Chromium is missing: `apt-get install -y chromium` (scripts/setup.sh --browser does it).
/// </summary>
[Collection(LiveServerCollection.Name)]
public sealed class IdeBrowserTests(LiveServer server)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task Ide_loads_the_schema_and_runs_a_query()
    {
        Assert.True(File.Exists(ChromiumPath),
            $"Chromium is missing at {ChromiumPath}: install it with `apt-get install -y chromium` (scripts/setup.sh --browser).");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var log = new List<string>();
        page.Console += (_, m) => { lock (log) log.Add($"console.{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (log) log.Add("pageerror: " + e); };
        page.Response += (_, r) => { lock (log) log.Add($"{r.Request.Method} {r.Url} -> {r.Status}"); };

        var introspection = page.WaitForResponseAsync(r =>
            r.Url.StartsWith(server.GraphQLUrl.ToString(), StringComparison.Ordinal) && r.Request.Method == "POST" &&
            (r.Request.PostData ?? "").Contains("__schema", StringComparison.Ordinal), new PageWaitForResponseOptions { Timeout = 60_000 });
        await page.GotoAsync(server.GraphQLUrl.ToString());
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create Document" }).ClickAsync(new LocatorClickOptions { Timeout = 30_000 });
        try
        {
            var schemaResponse = await introspection;
            Assert.Equal(200, schemaResponse.Status);
            Assert.Contains("\"GoalConnection\"", await schemaResponse.TextAsync());
            await page.WaitForTimeoutAsync(2000);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bcp-doc.png") });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "bcp-timeout.png") });
            Assert.Fail("The IDE did not fetch the schema:\n" + string.Join("\n", log));
        }
    }
}
