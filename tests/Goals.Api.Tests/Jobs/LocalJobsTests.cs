using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Jobs;

/// <summary>
/// Export, import and erase through the GraphQL contract with the local job machinery (no AWS): the job row commits,
/// the local worker (the drain `serve` hosts) runs it in chunks of 7 rows, files sit behind signed local links.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LocalJobsTests(DatabaseFixture database) : IAsyncLifetime
{
    private JobsHarness _jobs = null!;

    public async Task InitializeAsync() => _jobs = await JobsHarness.StartAsync(database);

    public async Task DisposeAsync() => await _jobs.DisposeAsync();

    [Theory]
    [InlineData("JSON")]
    [InlineData("CSV")]
    public async Task Export_then_import_into_another_student_reproduces_every_field_and_a_second_import_adds_nothing(string format)
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await _jobs.SeedAsync(_jobs.Token(a));
        var original = await _jobs.SnapshotAsync(_jobs.Token(a));

        var started = await _jobs.StartAsync(_jobs.Token(a), "startExport", new { format });
        Assert.Equal("QUEUED", started["status"]!.GetValue<string>());
        var export = await _jobs.FinishedJobAsync(_jobs.Token(a), started["id"]!.GetValue<string>());
        Assert.True(export["status"]!.GetValue<string>() == "SUCCEEDED", export.ToJsonString());
        Assert.Equal(format, export["download"]!["format"]!.GetValue<string>());
        var (status, file) = await _jobs.DownloadAsync(export["download"]!["url"]!.GetValue<string>());
        Assert.Equal(200, status);
        var rows = (int)export["progress"]!["done"]!.GetValue<double>();
        Assert.Equal(3 + 9 + 2, rows);

        var content = format == "JSON" ? Encoding.UTF8.GetString(file) : Convert.ToBase64String(file);
        var import = await _jobs.StartAsync(_jobs.Token(b), "startImport", new { format, content });
        var imported = await _jobs.FinishedJobAsync(_jobs.Token(b), import["id"]!.GetValue<string>());
        Assert.True(imported["status"]!.GetValue<string>() == "SUCCEEDED", imported.ToJsonString());
        Assert.Equal(rows, imported["importReport"]!["imported"]!.GetValue<int>());
        Assert.Equal(0, imported["importReport"]!["rejected"]!.GetValue<int>());
        Assert.Equal(original, await _jobs.SnapshotAsync(_jobs.Token(b)));

        var again = await _jobs.StartAsync(_jobs.Token(b), "startImport", new { format, content });
        var second = await _jobs.FinishedJobAsync(_jobs.Token(b), again["id"]!.GetValue<string>());
        Assert.Equal(0, second["importReport"]!["imported"]!.GetValue<int>());
        Assert.Equal(rows, second["importReport"]!["alreadyPresent"]!.GetValue<int>());
        Assert.Equal(original, await _jobs.SnapshotAsync(_jobs.Token(b)));
        var counts = await _jobs.RowCountsAsync(b);
        Assert.Equal((3, 9, 2), (counts["goals"], counts["goal_tasks"], counts["goal_notes"]));
    }

    [Fact]
    public async Task Csv_export_is_a_zip_of_one_file_per_entity_with_the_APIs_field_names()
    {
        var a = Guid.NewGuid();
        await _jobs.SeedAsync(_jobs.Token(a), goals: 1);
        var job = await _jobs.StartAsync(_jobs.Token(a), "startExport", new { format = "CSV" });
        var done = await _jobs.FinishedJobAsync(_jobs.Token(a), job["id"]!.GetValue<string>());
        var (_, file) = await _jobs.DownloadAsync(done["download"]!["url"]!.GetValue<string>());
        using var zip = new ZipArchive(new MemoryStream(file));
        Assert.Equal(["goals.csv", "tasks.csv", "notes.csv"], zip.Entries.Select(e => e.Name));
        using var goals = new StreamReader(zip.GetEntry("goals.csv")!.Open());
        Assert.Equal("id,goalType,title,information,complete,dueAt,color,createdAt,updatedAt", await goals.ReadLineAsync());
    }

    [Fact]
    public async Task Import_keeps_valid_rows_and_reports_each_bad_row_with_its_line_and_reason()
    {
        var b = Guid.NewGuid();
        var content = """
            {"goals":[
            {"goalType":"ACADEMIC","title":"Fine","information":"","tasks":[{"information":"ok"},{"information":"  "}],"notes":[{"information":"n"}]},
            {"goalType":"ACADEMIC","title":"   "},
            {"goalType":"NOT_A_TYPE","title":"Bad type"},
            {"goalType":"CAREER","title":"Bad colour","color":"red"},
            {"goalType":"CAREER","title":"Bad date","dueAt":"tomorrow"},
            {"goalType":"HEALTH_AND_WELLBEING","title":"Also fine","complete":true,"color":"#00ff00","dueAt":"2027-01-02T03:04:05+02:00"}
            ]}
            """;
        var job = await _jobs.StartAsync(_jobs.Token(b), "startImport", new { format = "JSON", content });
        var done = await _jobs.FinishedJobAsync(_jobs.Token(b), job["id"]!.GetValue<string>());
        Assert.True(done["status"]!.GetValue<string>() == "SUCCEEDED", done.ToJsonString());
        var report = done["importReport"]!;
        Assert.Equal(4, report["imported"]!.GetValue<int>()); // 2 goals, 1 task, 1 note
        Assert.Equal(5, report["rejected"]!.GetValue<int>());
        var rows = report["rows"]!.AsArray().Select(r => $"{r!["line"]}: {r["message"]}").ToList();
        Assert.Equal([
            "2: tasks[1]: task.information must not be empty.",
            "3: goal.title must not be empty.",
            "4: goal.goalType must be one of DEVELOPING_ME, HEALTH_AND_WELLBEING, ACADEMIC, EXTRA_CURRICULAR, CAREER.",
            "5: goal.color must be a colour in the form #RRGGBB, e.g. #1A2B3C.",
            "6: dueAt must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T09:00:00Z.",
        ], rows);
        var goals = (await _jobs.Api.PostAsync("{ goals { title complete color dueAt tasks { information } } }", token: _jobs.Token(b)))
            .RequireData()["goals"]!.AsArray();
        Assert.Equal(["Also fine", "Fine"], goals.Select(g => g!["title"]!.GetValue<string>()).Order());
        var alsoFine = goals.Single(g => g!["title"]!.GetValue<string>() == "Also fine")!;
        Assert.Equal(("#00FF00", "2027-01-02T01:04:05.000Z", true),
            (alsoFine["color"]!.GetValue<string>(), alsoFine["dueAt"]!.GetValue<string>(), alsoFine["complete"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("JSON", "this is not json", "BAD_FILE")]
    [InlineData("JSON", "{\"notGoals\": 1}", "BAD_FILE")]
    [InlineData("CSV", "bm90IGEgemlw", "BAD_FILE")]
    [InlineData("CSV", "not base64 ***", "BAD_FILE")]
    public async Task An_unreadable_file_fails_the_import_with_a_clear_reason_and_imports_nothing(string format, string content, string code)
    {
        var b = Guid.NewGuid();
        var job = await _jobs.StartAsync(_jobs.Token(b), "startImport", new { format, content });
        var done = await _jobs.FinishedJobAsync(_jobs.Token(b), job["id"]!.GetValue<string>());
        Assert.Equal("FAILED", done["status"]!.GetValue<string>());
        Assert.Equal(code, done["error"]!["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(done["error"]!["message"]!.GetValue<string>()));
        Assert.Equal(1, done["attempts"]!.GetValue<int>()); // no retry can fix a bad file
        Assert.Equal(0, (await _jobs.RowCountsAsync(b))["goals"]);
    }

    [Fact]
    public async Task Erase_leaves_zero_rows_and_no_files_of_the_student_and_touches_no_one_else()
    {
        var (a, other) = (Guid.NewGuid(), Guid.NewGuid());
        await _jobs.SeedAsync(_jobs.Token(a));
        await _jobs.SeedAsync(_jobs.Token(other), goals: 2);
        (await _jobs.Api.PostAsync("mutation { createGoal(input: { idempotencyKey: \"k1\", goalType: CAREER, title: \"keyed\" }) { goal { id } } }",
            token: _jobs.Token(a))).RequireData();
        var export = await _jobs.StartAsync(_jobs.Token(a), "startExport", new { format = "JSON" });
        var exported = await _jobs.FinishedJobAsync(_jobs.Token(a), export["id"]!.GetValue<string>());
        var otherBefore = await _jobs.SnapshotAsync(_jobs.Token(other));
        var otherCounts = await _jobs.RowCountsAsync(other);
        Assert.True(Directory.EnumerateFiles(Path.Combine(_jobs.FilesDirectory, "exports", a.ToString("D"))).Any());

        var erase = await _jobs.StartAsync(_jobs.Token(a), "startErase", new { confirm = "ERASE ALL MY DATA" });
        var done = await _jobs.FinishedJobAsync(_jobs.Token(a), erase["id"]!.GetValue<string>());
        Assert.True(done["status"]!.GetValue<string>() == "SUCCEEDED", done.ToJsonString());
        Assert.Equal(done["progress"]!["total"]!.GetValue<double>(), done["progress"]!["done"]!.GetValue<double>());

        var counts = await _jobs.RowCountsAsync(a);
        Assert.Equal(new Dictionary<string, long> { ["goals"] = 0, ["goal_tasks"] = 0, ["goal_notes"] = 0, ["idempotency_keys"] = 0, ["jobs"] = 1 }, counts);
        Assert.Null(await _jobs.JobAsync(_jobs.Token(a), exported["id"]!.GetValue<string>()));
        Assert.False(Directory.Exists(Path.Combine(_jobs.FilesDirectory, "exports", a.ToString("D"))));
        Assert.Equal(404, (await _jobs.DownloadAsync(exported["download"]!["url"]!.GetValue<string>())).Status);
        Assert.Equal(otherBefore, await _jobs.SnapshotAsync(_jobs.Token(other)));
        Assert.Equal(otherCounts, await _jobs.RowCountsAsync(other));
    }

    [Theory]
    [InlineData("erase all my data")]
    [InlineData("ERASE ALL MY DATA ")]
    [InlineData("")]
    public async Task Erase_without_the_exact_confirmation_is_a_VALIDATION_error_and_starts_nothing(string confirm)
    {
        var a = Guid.NewGuid();
        var response = await _jobs.TryStartAsync(_jobs.Token(a), "startErase", new { confirm });
        var error = response.SingleError("VALIDATION");
        Assert.Equal("input.confirm", error["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal(0, (await _jobs.RowCountsAsync(a))["jobs"]);
    }

    [Fact]
    public async Task Only_the_owner_sees_lists_or_cancels_a_job()
    {
        var (owner, stranger) = (Guid.NewGuid(), Guid.NewGuid());
        var job = await _jobs.StartAsync(_jobs.Token(owner), "startExport", new { format = "JSON" });
        var id = job["id"]!.GetValue<string>();

        Assert.Null(await _jobs.JobAsync(_jobs.Token(stranger), id));
        var listed = (await _jobs.Api.PostAsync("{ jobs { edges { node { id } } } }", token: _jobs.Token(stranger))).RequireData();
        Assert.Empty(listed["jobs"]!["edges"]!.AsArray());
        var cancel = await _jobs.Api.PostAsync("mutation($id: UUID!) { cancelJob(input: { jobId: $id }) { job { status } } }", new { id }, _jobs.Token(stranger));
        cancel.SingleError("NOT_FOUND");
        Assert.Equal("QUEUED", (await _jobs.JobAsync(_jobs.Token(owner), id))!["status"]!.GetValue<string>());
        (await _jobs.Api.PostAsync("{ job(id: \"00000000-0000-4000-8000-000000000000\") { id } }")).SingleError("UNAUTHENTICATED");

        var mine = (await _jobs.Api.PostAsync("{ jobs(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }", token: _jobs.Token(owner))).RequireData();
        Assert.Equal([id], mine["jobs"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));

        var cancelled = await _jobs.Api.PostAsync("mutation($id: UUID!) { cancelJob(input: { jobId: $id }) { job { status finishedAt } } }", new { id }, _jobs.Token(owner));
        Assert.Equal("CANCELLED", cancelled.RequireData()["cancelJob"]!["job"]!["status"]!.GetValue<string>());
        var after = await _jobs.FinishedJobAsync(_jobs.Token(owner), id);
        Assert.Equal(("CANCELLED", 0), (after["status"]!.GetValue<string>(), after["attempts"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_job_and_a_different_input_with_it_is_a_CONFLICT()
    {
        var a = Guid.NewGuid();
        var first = await _jobs.TryStartAsync(_jobs.Token(a), "startExport", new { format = "JSON", idempotencyKey = "export-1" });
        var second = await _jobs.TryStartAsync(_jobs.Token(a), "startExport", new { format = "JSON", idempotencyKey = "export-1" });
        var (one, two) = (first.RequireData()["startExport"]!, second.RequireData()["startExport"]!);
        Assert.Equal(one["job"]!["id"]!.GetValue<string>(), two["job"]!["id"]!.GetValue<string>());
        Assert.Equal((false, true), (one["replayed"]!.GetValue<bool>(), two["replayed"]!.GetValue<bool>()));
        (await _jobs.TryStartAsync(_jobs.Token(a), "startExport", new { format = "CSV", idempotencyKey = "export-1" })).SingleError("CONFLICT");
        Assert.Equal(1, (await _jobs.RowCountsAsync(a))["jobs"]);
    }

    [Fact]
    public async Task A_download_link_with_a_changed_key_or_signature_is_FORBIDDEN()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await _jobs.SeedAsync(_jobs.Token(a), goals: 1);
        var job = await _jobs.StartAsync(_jobs.Token(a), "startExport", new { format = "JSON" });
        var url = (await _jobs.FinishedJobAsync(_jobs.Token(a), job["id"]!.GetValue<string>()))["download"]!["url"]!.GetValue<string>();
        Assert.Equal(200, (await _jobs.DownloadAsync(url)).Status);

        var otherStudent = url.Replace(a.ToString("D"), b.ToString("D"), StringComparison.Ordinal);
        var badSignature = url[..^4] + (url.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        var unsigned = url[..url.IndexOf('?', StringComparison.Ordinal)];
        foreach (var link in new[] { otherStudent, badSignature, unsigned })
        {
            var response = await _jobs.Api.Client.GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("FORBIDDEN", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_large_file_goes_through_the_upload_link_and_an_unknown_upload_is_a_VALIDATION_error()
    {
        var b = Guid.NewGuid();
        var missing = await _jobs.TryStartAsync(_jobs.Token(b), "startImport", new { format = "JSON", uploadId = Guid.NewGuid() });
        Assert.Equal("input.uploadId", missing.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
        (await _jobs.TryStartAsync(_jobs.Token(b), "startImport", new { format = "JSON" })).SingleError("VALIDATION");

        var upload = (await _jobs.Api.PostAsync("mutation { requestImportUpload(input: { format: JSON }) { uploadId url method expiresAt } }", token: _jobs.Token(b)))
            .RequireData()["requestImportUpload"]!;
        var file = "{\"goals\":[" + string.Join(",\n", Enumerable.Range(0, 50).Select(i => $"{{\"goalType\":\"CAREER\",\"title\":\"Uploaded {i}\"}}")) + "]}";
        using var content = new StringContent(file);
        var put = await _jobs.Api.Client.PutAsync(new Uri(upload["url"]!.GetValue<string>()).PathAndQuery, content);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var job = await _jobs.StartAsync(_jobs.Token(b), "startImport", new { format = "JSON", uploadId = upload["uploadId"]!.GetValue<string>() });
        var done = await _jobs.FinishedJobAsync(_jobs.Token(b), job["id"]!.GetValue<string>());
        Assert.Equal(50, done["importReport"]!["imported"]!.GetValue<int>());
        Assert.Equal(50, (await _jobs.RowCountsAsync(b))["goals"]);

        // Another student cannot use that upload id: the key is under the uploader's id.
        var stranger = await _jobs.TryStartAsync(_jobs.Token(Guid.NewGuid()), "startImport", new { format = "JSON", uploadId = upload["uploadId"]!.GetValue<string>() });
        stranger.SingleError("VALIDATION");
    }
}
