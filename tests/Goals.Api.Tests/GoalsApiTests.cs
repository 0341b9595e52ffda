using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>Every query and mutation end to end over HTTP against the real database.</summary>
[Collection(ApiCollection.Name)]
public sealed class GoalsApiTests(DatabaseFixture database) : IAsyncLifetime
{
    public const string GoalFields = "id goalType title information complete dueAt color createdAt updatedAt tasks { id information complete createdAt updatedAt } notes { id information createdAt updatedAt }";

    private TestApi _api = null!;
    private readonly Guid _student = Guid.NewGuid();
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(database);
        _token = _api.Token(_student);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<GraphQLResponse> Run(string query, object? variables = null) => _api.PostAsync(query, variables, _token);

    internal static async Task<JsonNode> CreateGoalAsync(TestApi api, string token, string title = "Learn GraphQL", string? key = null,
        string goalType = "ACADEMIC", string? dueAt = null, string? color = null)
    {
        var response = await api.PostAsync(
            $"mutation($input: CreateGoalInput!) {{ createGoal(input: $input) {{ idempotencyKey replayed goal {{ {GoalFields} }} }} }}",
            new { input = new { title, goalType, information = "info", idempotencyKey = key, dueAt, color } }, token);
        return response.RequireData()["createGoal"]!;
    }

    [Fact]
    public async Task Create_then_query_all_and_by_id()
    {
        var created = await CreateGoalAsync(_api, _token, "First", dueAt: "2027-03-01T10:00:00+01:00", color: "#a1b2c3");
        var goal = created["goal"]!;
        Assert.Equal("First", goal["title"]!.GetValue<string>());
        Assert.Equal("ACADEMIC", goal["goalType"]!.GetValue<string>());
        Assert.False(goal["complete"]!.GetValue<bool>());
        Assert.Equal("2027-03-01T09:00:00.000Z", goal["dueAt"]!.GetValue<string>());
        Assert.Equal("#A1B2C3", goal["color"]!.GetValue<string>());
        Assert.False(created["replayed"]!.GetValue<bool>());
        var second = await CreateGoalAsync(_api, _token, "Second");

        var all = (await Run($"{{ goals {{ {GoalFields} }} }}")).RequireData()["goals"]!.AsArray();
        Assert.Equal(["Second", "First"], all.Select(g => g!["title"]!.GetValue<string>()).ToArray());

        var one = (await Run("query($id: UUID) { goals(goalId: $id) { id title } }", new { id = goal["id"]!.GetValue<string>() }))
            .RequireData()["goals"]!.AsArray();
        Assert.Single(one);
        Assert.Equal("First", one[0]!["title"]!.GetValue<string>());
        Assert.NotEqual(second["goal"]!["id"]!.GetValue<string>(), one[0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_goal_id_is_NOT_FOUND()
    {
        var response = await Run("query($id: UUID) { goals(goalId: $id) { id } }", new { id = Guid.NewGuid() });
        Assert.Equal(200, response.Status);
        response.SingleError("NOT_FOUND");
    }

    [Fact]
    public async Task Update_changes_only_given_fields_and_null_clears()
    {
        var goal = (await CreateGoalAsync(_api, _token, "Before", dueAt: "2027-01-01T00:00:00Z", color: "#000000"))["goal"]!;
        var id = goal["id"]!.GetValue<string>();
        var updated = (await Run(
            $"mutation($input: UpdateGoalInput!) {{ updateGoal(input: $input) {{ goal {{ {GoalFields} }} }} }}",
            new Dictionary<string, object?> { ["input"] = new Dictionary<string, object?> { ["goalId"] = id, ["title"] = "After", ["complete"] = true, ["color"] = null } }))
            .RequireData()["updateGoal"]!["goal"]!;
        Assert.Equal("After", updated["title"]!.GetValue<string>());
        Assert.True(updated["complete"]!.GetValue<bool>());
        Assert.Null(updated["color"]);
        Assert.Equal("2027-01-01T00:00:00.000Z", updated["dueAt"]!.GetValue<string>());
        Assert.Equal("info", updated["information"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_goal_returns_its_id_and_removes_it()
    {
        var id = (await CreateGoalAsync(_api, _token))["goal"]!["id"]!.GetValue<string>();
        var deleted = (await Run("mutation($id: UUID!) { deleteGoal(input: { goalId: $id }) { deletedGoalId } }", new { id })).RequireData();
        Assert.Equal(id, deleted["deleteGoal"]!["deletedGoalId"]!.GetValue<string>());
        (await Run("mutation($id: UUID!) { deleteGoal(input: { goalId: $id }) { deletedGoalId } }", new { id })).SingleError("NOT_FOUND");
        (await Run("query($id: UUID) { goals(goalId: $id) { id } }", new { id })).SingleError("NOT_FOUND");
    }

    [Fact]
    public async Task Tasks_create_update_complete_reorder_delete()
    {
        var goalId = (await CreateGoalAsync(_api, _token))["goal"]!["id"]!.GetValue<string>();
        var ids = new List<string>();
        foreach (var text in new[] { "one", "two", "three" })
        {
            var created = (await Run("mutation($g: UUID!, $t: String!) { createGoalTask(input: { goalId: $g, information: $t }) { goalId replayed task { id information complete } } }",
                new { g = goalId, t = text })).RequireData()["createGoalTask"]!;
            Assert.Equal(goalId, created["goalId"]!.GetValue<string>());
            ids.Add(created["task"]!["id"]!.GetValue<string>());
        }

        var completed = (await Run("mutation($id: UUID!) { completeGoalTask(input: { taskId: $id }) { task { complete } } }", new { id = ids[0] })).RequireData();
        Assert.True(completed["completeGoalTask"]!["task"]!["complete"]!.GetValue<bool>());
        var updated = (await Run("mutation($id: UUID!) { updateGoalTask(input: { taskId: $id, information: \"TWO\", complete: true }) { task { information complete } } }", new { id = ids[1] })).RequireData();
        Assert.Equal("TWO", updated["updateGoalTask"]!["task"]!["information"]!.GetValue<string>());

        var reordered = (await Run("mutation($g: UUID!, $ids: [UUID!]!) { reorderGoalTasks(input: { goalId: $g, taskIds: $ids }) { goal { tasks { id } } } }",
            new { g = goalId, ids = new[] { ids[2], ids[0], ids[1] } })).RequireData();
        Assert.Equal([ids[2], ids[0], ids[1]], reordered["reorderGoalTasks"]!["goal"]!["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToArray());

        var bad = await Run("mutation($g: UUID!, $ids: [UUID!]!) { reorderGoalTasks(input: { goalId: $g, taskIds: $ids }) { goal { id } } }",
            new { g = goalId, ids = new[] { ids[2], ids[0] } });
        Assert.Equal("input.taskIds", bad.SingleError("CONFLICT")["extensions"]!["field"]!.GetValue<string>()); // see InputRuleTests

        var deleted = (await Run("mutation($id: UUID!) { deleteGoalTask(input: { taskId: $id }) { deletedTaskId } }", new { id = ids[0] })).RequireData();
        Assert.Equal(ids[0], deleted["deleteGoalTask"]!["deletedTaskId"]!.GetValue<string>());
        var goal = (await Run("query($id: UUID) { goals(goalId: $id) { complete tasks { id information } } }", new { id = goalId })).RequireData()["goals"]![0]!;
        Assert.Equal([ids[2], ids[1]], goal["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToArray());
        Assert.False(goal["complete"]!.GetValue<bool>()); // explicit flag: not derived from the tasks
    }

    [Fact]
    public async Task Notes_create_update_delete()
    {
        var goalId = (await CreateGoalAsync(_api, _token))["goal"]!["id"]!.GetValue<string>();
        var note = (await Run("mutation($g: UUID!) { createGoalNote(input: { goalId: $g, information: \"hello\" }) { note { id information } } }", new { g = goalId }))
            .RequireData()["createGoalNote"]!["note"]!;
        var id = note["id"]!.GetValue<string>();
        var updated = (await Run("mutation($id: UUID!) { updateGoalNote(input: { noteId: $id, information: \"bye\" }) { note { information } } }", new { id })).RequireData();
        Assert.Equal("bye", updated["updateGoalNote"]!["note"]!["information"]!.GetValue<string>());
        var notes = (await Run("query($id: UUID) { goals(goalId: $id) { notes { information } } }", new { id = goalId })).RequireData()["goals"]![0]!["notes"]!.AsArray();
        Assert.Equal("bye", notes.Single()!["information"]!.GetValue<string>());
        (await Run("mutation($id: UUID!) { deleteGoalNote(input: { noteId: $id }) { deletedNoteId } }", new { id })).RequireData();
        (await Run("mutation($id: UUID!) { updateGoalNote(input: { noteId: $id, information: \"x\" }) { note { id } } }", new { id })).SingleError("NOT_FOUND");
    }

    [Fact]
    public async Task Same_idempotency_key_twice_gives_the_same_goal_and_one_row()
    {
        var key = "retry-" + Guid.NewGuid();
        var first = await CreateGoalAsync(_api, _token, "Once", key);
        var second = await CreateGoalAsync(_api, _token, "Once", key);
        Assert.Equal(first["goal"]!["id"]!.GetValue<string>(), second["goal"]!["id"]!.GetValue<string>());
        Assert.True(second["replayed"]!.GetValue<bool>());
        Assert.Equal(key, second["idempotencyKey"]!.GetValue<string>());
        var all = (await Run("{ goals { title } }")).RequireData()["goals"]!.AsArray();
        Assert.Single(all, g => g!["title"]!.GetValue<string>() == "Once");

        var conflict = await _api.PostAsync("mutation($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } } }",
            new { input = new { title = "Different", goalType = "CAREER", idempotencyKey = key } }, _token);
        Assert.Equal("input.idempotencyKey", conflict.SingleError("CONFLICT")["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_one_goal()
    {
        var key = "race-" + Guid.NewGuid();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateGoalAsync(_api, _token, "Raced", key)));
        Assert.Single(results.Select(r => r["goal"]!["id"]!.GetValue<string>()).Distinct());
        var all = (await Run("{ goals { title } }")).RequireData()["goals"]!.AsArray();
        Assert.Single(all, g => g!["title"]!.GetValue<string>() == "Raced");
    }

    [Fact]
    public async Task Idempotent_task_and_note_creates()
    {
        var goalId = (await CreateGoalAsync(_api, _token))["goal"]!["id"]!.GetValue<string>();
        const string taskMutation = "mutation($g: UUID!, $k: String) { createGoalTask(input: { goalId: $g, information: \"t\", idempotencyKey: $k }) { replayed task { id } } }";
        var t1 = (await Run(taskMutation, new { g = goalId, k = "task-key" })).RequireData()["createGoalTask"]!;
        var t2 = (await Run(taskMutation, new { g = goalId, k = "task-key" })).RequireData()["createGoalTask"]!;
        Assert.Equal(t1["task"]!["id"]!.GetValue<string>(), t2["task"]!["id"]!.GetValue<string>());
        Assert.True(t2["replayed"]!.GetValue<bool>());
        const string noteMutation = "mutation($g: UUID!, $k: String) { createGoalNote(input: { goalId: $g, information: \"n\", idempotencyKey: $k }) { replayed note { id } } }";
        var n1 = (await Run(noteMutation, new { g = goalId, k = "note-key" })).RequireData()["createGoalNote"]!;
        var n2 = (await Run(noteMutation, new { g = goalId, k = "note-key" })).RequireData()["createGoalNote"]!;
        Assert.Equal(n1["note"]!["id"]!.GetValue<string>(), n2["note"]!["id"]!.GetValue<string>());
        var goal = (await Run("query($id: UUID) { goals(goalId: $id) { tasks { id } notes { id } } }", new { id = goalId })).RequireData()["goals"]![0]!;
        Assert.Single(goal["tasks"]!.AsArray());
        Assert.Single(goal["notes"]!.AsArray());
    }

    [Theory]
    [InlineData("title", "", "input.title")]
    [InlineData("title", "   ", "input.title")]
    [InlineData("color", "red", "input.color")]
    [InlineData("color", "#12345", "input.color")]
    [InlineData("idempotencyKey", "", "input.idempotencyKey")]
    public async Task Invalid_create_input_is_VALIDATION_with_the_field(string field, string value, string expectedField)
    {
        var input = new Dictionary<string, object?> { ["title"] = "ok", ["goalType"] = "CAREER", [field] = value };
        var response = await Run("mutation($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } } }", new { input });
        Assert.Equal(200, response.Status);
        Assert.Null(response.Data?["createGoal"]);
        Assert.Equal(expectedField, response.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Too_long_texts_are_VALIDATION()
    {
        var response = await Run("mutation($t: String!) { createGoal(input: { title: $t, goalType: CAREER }) { goal { id } } }", new { t = new string('x', 201) });
        Assert.Equal("input.title", response.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
        var goalId = (await CreateGoalAsync(_api, _token))["goal"]!["id"]!.GetValue<string>();
        var task = await Run("mutation($g: UUID!, $t: String!) { createGoalTask(input: { goalId: $g, information: $t }) { task { id } } }", new { g = goalId, t = new string('x', 1001) });
        Assert.Equal("input.information", task.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
        var nul = await Run("mutation($t: String!) { createGoal(input: { title: $t, goalType: CAREER }) { goal { id } } }", new { t = "a\0b" });
        nul.SingleError("VALIDATION");
    }

    [Fact]
    public async Task Engine_rejects_bad_scalars_and_enums_as_request_errors()
    {
        var badUuid = await Run("query($id: UUID) { goals(goalId: $id) { id } }", new { id = "not-a-uuid" });
        Assert.Equal(400, badUuid.Status);
        Assert.Null(badUuid.Body["data"]);
        var badDate = await Run("mutation { createGoal(input: { title: \"x\", goalType: CAREER, dueAt: \"2026-01-01T00:00:00\" }) { goal { id } } }");
        Assert.Equal(400, badDate.Status);
        var badEnum = await Run("mutation { createGoal(input: { title: \"x\", goalType: SPORT }) { goal { id } } }");
        Assert.Equal(400, badEnum.Status);
    }

    [Fact]
    public async Task Connection_pages_filters_and_orders()
    {
        for (var i = 1; i <= 5; i++)
        {
            await CreateGoalAsync(_api, _token, $"G{i}", goalType: i % 2 == 0 ? "CAREER" : "ACADEMIC", dueAt: i == 3 ? null : $"2027-0{6 - i}-01T00:00:00Z");
        }

        const string query = "query($first: Int, $after: String, $filter: GoalFilter, $order: GoalOrderBy) { goalsConnection(first: $first, after: $after, filter: $filter, orderBy: $order) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title } } } }";
        var page1 = (await Run(query, new { first = 2 })).RequireData()["goalsConnection"]!;
        Assert.Equal(5, page1["totalCount"]!.GetValue<int>());
        Assert.True(page1["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(["G5", "G4"], Titles(page1));
        var page2 = (await Run(query, new { first = 2, after = page1["pageInfo"]!["endCursor"]!.GetValue<string>() })).RequireData()["goalsConnection"]!;
        Assert.Equal(["G3", "G2"], Titles(page2));
        var page3 = (await Run(query, new { first = 2, after = page2["pageInfo"]!["endCursor"]!.GetValue<string>() })).RequireData()["goalsConnection"]!;
        Assert.Equal(["G1"], Titles(page3));
        Assert.False(page3["pageInfo"]!["hasNextPage"]!.GetValue<bool>());

        var careers = (await Run(query, new { first = 10, filter = new { goalType = "CAREER" } })).RequireData()["goalsConnection"]!;
        Assert.Equal(2, careers["totalCount"]!.GetValue<int>());
        Assert.Equal(["G4", "G2"], Titles(careers));

        var byDue = (await Run(query, new { first = 3, order = "DUE_AT" })).RequireData()["goalsConnection"]!;
        Assert.Equal(["G5", "G4", "G2"], Titles(byDue));
        var byDue2 = (await Run(query, new { first = 3, order = "DUE_AT", after = byDue["pageInfo"]!["endCursor"]!.GetValue<string>() })).RequireData()["goalsConnection"]!;
        Assert.Equal(["G1", "G3"], Titles(byDue2));

        Assert.Equal("first", (await Run(query, new { first = 0 })).SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal("after", (await Run(query, new { first = 2, after = "garbage" })).SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
    }

    private static string[] Titles(JsonNode connection) =>
        connection["edges"]!.AsArray().Select(e => e!["node"]!["title"]!.GetValue<string>()).ToArray();
}
