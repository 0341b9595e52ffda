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
        page.Response += (_, r) =>
        {
            lock (log) log.Add($"{r.Request.Method} {r.Url} -> {r.Status} {(r.Request.Method == "POST" ? r.Request.PostData?[..Math.Min(300, r.Request.PostData.Length)] + " headers " + string.Join(",", r.Request.Headers.Select(h => h.Key + "=" + h.Value)) : "")}");
        };

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
            await page.GetByText("Schema available").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

            // The demo student's token in the HTTP Headers tab, a query in the Request editor, then Run.
            var (exit, token, stderr) = await server.RunVerbInDevelopmentAsync("token", "--minutes", "5");
            Assert.True(exit == 0, stderr);
            await page.GetByText("HTTP Headers", new PageGetByTextOptions { Exact = true }).ClickAsync();
            // Typing a name makes the IDE append an empty row, so the row is fixed by its index first: ".Last" for the
            // value would be that new row (the header then has a name and no value, and the IDE refuses to send it).
            var headerRow = await page.GetByPlaceholder("Name").CountAsync() - 1;
            await page.GetByPlaceholder("Name").Nth(headerRow).FillAsync("Authorization");
            await page.GetByPlaceholder("Value").Nth(headerRow).FillAsync("Bearer " + token.Trim());
            await ReplaceEditorTextAsync(page, page.Locator(".monaco-editor").First, "query Dashboard { goals { title tasks { information } } }");

            // The IDE parses the document (its Builder lists the operation) and syncs its model a moment later; a Run
            // before that sends an empty query, so run again until the request carries the document (a few times at most).
            await page.GetByText("Dashboard: Query").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
            IResponse? result = null;
            // On a loaded machine a click can also land before the IDE is ready and send nothing: that attempt times out.
            for (var attempt = 0; attempt < 5 && result is null; attempt++)
            {
                await page.WaitForTimeoutAsync(1000);
                var run = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Request.Headers.ContainsKey("authorization"),
                    new PageWaitForResponseOptions { Timeout = 20_000 });
                await page.GetByLabel("Run Operation", new PageGetByLabelOptions { Exact = false }).First.ClickAsync();
                IResponse response;
                try
                {
                    response = await run;
                }
                catch (TimeoutException) when (attempt < 4)
                {
                    continue;
                }
                if ((response.Request.PostData ?? "").Contains("Dashboard", StringComparison.Ordinal)) result = response;
            }

            Assert.True(result is not null, "The IDE never sent the typed query.");
            var body = await result.TextAsync();
            Assert.Equal(200, result.Status);
            Assert.Contains("Finish the maths coursework", body);
            Assert.DoesNotContain("\"errors\"", body);
            await page.GetByText("Run a 5k").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 }); // shown in the Response panel
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException or PlaywrightException)
        {
            var screenshot = Path.Combine(Path.GetTempPath(), "bcp-failure.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
            Assert.Fail($"{e.Message}\nScreenshot: {screenshot}\n" + string.Join("\n", log));
        }
    }

    /// <summary>Select-all + insert (insertText bypasses Monaco's auto-closing brackets).</summary>
    private static async Task ReplaceEditorTextAsync(IPage page, ILocator editor, string text)
    {
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync(text);
    }
}
