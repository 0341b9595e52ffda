using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests.Jobs;

/// <summary>
/// An import obeys the mutations' limits (here 10 goals per student, 3 tasks and 2 notes per goal), counted with what
/// the account already has: rows that do not fit are rejected with their line, the rest is imported, and a rerun of
/// the same file next to its own earlier rows refuses nothing it imported before and inserts nothing twice.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImportLimitsTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string GoalLimit = "LIMIT_EXCEEDED: a student can have at most 10 goals (Limits:MaxGoalsPerStudent)";
    private const string TaskLimit = "LIMIT_EXCEEDED: a goal can have at most 3 tasks (Limits:MaxTasksPerGoal).";
    private const string NoteLimit = "LIMIT_EXCEEDED: a goal can have at most 2 notes (Limits:MaxNotesPerGoal).";
    private JobsHarness _jobs = null!;

    public async Task InitializeAsync() => _jobs = await JobsHarness.StartAsync(database, new Dictionary<string, string?>
    {
        ["Limits:MaxGoalsPerStudent"] = "10",
        ["Limits:MaxTasksPerGoal"] = "3",
        ["Limits:MaxNotesPerGoal"] = "2",
    });

    public async Task DisposeAsync() => await _jobs.DisposeAsync();

    [Fact]
    public async Task A_JSON_import_reaching_the_limits_mid_file_rejects_exactly_the_rows_over_them_and_a_rerun_rejects_the_same_and_adds_nothing()
    {
        var student = Guid.NewGuid();
        var token = _jobs.Token(student);
        for (var i = 0; i < 8; i++)
            (await _jobs.Api.PostAsync("mutation($t: String!) { createGoal(input: { goalType: CAREER, title: $t }) { goal { id } } }", new { t = $"Mine {i}" }, token)).RequireData();
        var tasks = string.Join(",", Enumerable.Range(0, 5).Select(i => $"{{\"information\":\"task {i}\"}}"));
        var notes = string.Join(",", Enumerable.Range(0, 3).Select(i => $"{{\"information\":\"note {i}\"}}"));
        // Goal A (9 rows) fills the first chunk of 7 rows; the goal limit is reached in the second chunk, at goal C.
        var content = $$"""
            {"goals":[
            {"goalType":"ACADEMIC","title":"A","tasks":[{{tasks}}],"notes":[{{notes}}]},
            {"goalType":"ACADEMIC","title":"B"},
            {"goalType":"ACADEMIC","title":"C","tasks":[{"information":"of C"}]},
            {"goalType":"ACADEMIC","title":"D"}
            ]}
            """;
        string[] expected =
        [
            $"2: tasks[3]: {TaskLimit}", $"2: tasks[4]: {TaskLimit}", $"2: notes[2]: {NoteLimit}",
            $"4: {GoalLimit}; this goal was not imported, nor its tasks and notes.", $"5: {GoalLimit}; this goal was not imported, nor its tasks and notes.",
        ];

        var first = await ImportAsync(token, "JSON", content);
        Assert.Equal((1 + 3 + 2 + 1, 0, 5), Totals(first));
        Assert.Equal(expected, Rows(first));
        Assert.Equal(["A", "B"], await ImportedTitlesAsync(token));
        var counts = await _jobs.RowCountsAsync(student);
        Assert.Equal((10, 3, 2), (counts["goals"], counts["goal_tasks"], counts["goal_notes"]));

        var rerun = await ImportAsync(token, "JSON", content);
        Assert.Equal((0, 7, 5), Totals(rerun));
        Assert.Equal(expected, Rows(rerun));
        var after = await _jobs.RowCountsAsync(student);
        Assert.Equal((10, 3, 2), (after["goals"], after["goal_tasks"], after["goal_notes"]));
    }

    [Fact]
    public async Task A_CSV_import_into_an_account_near_the_limits_counts_its_existing_rows_and_a_rerun_refuses_nothing_it_imported()
    {
        var student = Guid.NewGuid();
        var token = _jobs.Token(student);
        var before = Zip(
            "id,goalType,title\n" + string.Join("", Enumerable.Range(1, 9).Select(i => $"g{i},CAREER,Goal {i}\n")),
            "id,goalId,position,information\nt1,g1,0,one\nt2,g1,1,two\n",
            "id,goalId,information\nn1,g1,first\n");
        Assert.Equal((12, 0, 0), Totals(await ImportAsync(token, "CSV", before)));

        // The account now has 9 goals, and goal g1 has 2 tasks and 1 note: one more of each fits.
        var more = Zip(
            "id,goalType,title\ng1,CAREER,Goal 1\ng10,CAREER,Goal 10\ng11,CAREER,Goal 11\ng12,CAREER,Goal 12\n",
            "id,goalId,position,information\nt3,g1,2,three\nt4,g1,3,four\nt5,g1,4,five\nt6,g11,0,of eleven\n",
            "id,goalId,information\nn2,g1,second\nn3,g1,third\n");
        string[] expected =
        [
            $"4: goals.csv: {GoalLimit}; this goal was not imported, nor its tasks and notes.",
            $"5: goals.csv: {GoalLimit}; this goal was not imported, nor its tasks and notes.",
            $"3: tasks.csv: {TaskLimit}", $"4: tasks.csv: {TaskLimit}",
            "5: tasks.csv: goalId g11 names no imported goal (missing or rejected in goals.csv).",
            $"3: notes.csv: {NoteLimit}",
        ];
        var second = await ImportAsync(token, "CSV", more);
        Assert.Equal((3, 1, 6), Totals(second));
        Assert.Equal(expected, Rows(second));
        var counts = await _jobs.RowCountsAsync(student);
        Assert.Equal((10, 3, 2), (counts["goals"], counts["goal_tasks"], counts["goal_notes"]));
        var g1 = (await _jobs.Api.PostAsync("{ goals { title tasks { information } notes { information } } }", token: token)).RequireData()["goals"]!.AsArray()
            .Single(g => g!["title"]!.GetValue<string>() == "Goal 1")!;
        Assert.Equal(["one", "two", "three"], g1["tasks"]!.AsArray().Select(t => t!["information"]!.GetValue<string>()));
        Assert.Equal(["first", "second"], g1["notes"]!.AsArray().Select(n => n!["information"]!.GetValue<string>()).Order());

        var rerun = await ImportAsync(token, "CSV", more);
        Assert.Equal((0, 4, 6), Totals(rerun));
        Assert.Equal(expected, Rows(rerun));
        var again = await _jobs.RowCountsAsync(student);
        Assert.Equal((10, 3, 2), (again["goals"], again["goal_tasks"], again["goal_notes"]));
    }

    [Fact]
    public async Task Tasks_of_one_goal_spread_over_several_chunks_are_counted_across_them()
    {
        var student = Guid.NewGuid();
        var token = _jobs.Token(student);
        // 10 tasks of one goal: rows 2..8 make the first chunk (7 rows), 9..11 the second, which sees the 3 committed tasks.
        var file = Zip("id,goalType,title\ng,CAREER,Only\n",
            "id,goalId,position,information\n" + string.Join("", Enumerable.Range(0, 10).Select(i => $"t{i},g,{i},task {i}\n")), "id,goalId,information\n");
        var report = await ImportAsync(token, "CSV", file);
        Assert.Equal((1 + 3, 0, 7), Totals(report));
        Assert.Equal(Enumerable.Range(5, 7).Select(line => $"{line}: tasks.csv: {TaskLimit}"), Rows(report));
        Assert.Equal(3, (await _jobs.RowCountsAsync(student))["goal_tasks"]);
    }

    private async Task<JsonNode> ImportAsync(string token, string format, string content)
    {
        var job = await _jobs.StartAsync(token, "startImport", new { format, content });
        var done = await _jobs.FinishedJobAsync(token, job["id"]!.GetValue<string>());
        Assert.True(done["status"]!.GetValue<string>() == "SUCCEEDED", done.ToJsonString());
        return done["importReport"]!;
    }

    private static (int Imported, int AlreadyPresent, int Rejected) Totals(JsonNode report) =>
        (report["imported"]!.GetValue<int>(), report["alreadyPresent"]!.GetValue<int>(), report["rejected"]!.GetValue<int>());

    private static List<string> Rows(JsonNode report) => report["rows"]!.AsArray().Select(r => $"{r!["line"]}: {r["message"]}").ToList();

    private async Task<List<string>> ImportedTitlesAsync(string token) =>
        (await _jobs.Api.PostAsync("{ goals { title } }", token: token)).RequireData()["goals"]!.AsArray()
        .Select(g => g!["title"]!.GetValue<string>()).Where(t => !t.StartsWith("Mine ", StringComparison.Ordinal)).Order().ToList();

    private static string Zip(string goals, string tasks, string notes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { ("goals.csv", goals), ("tasks.csv", tasks), ("notes.csv", notes) })
            {
                using var entry = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                entry.Write(text);
            }
        }

        return Convert.ToBase64String(buffer.ToArray());
    }
}
