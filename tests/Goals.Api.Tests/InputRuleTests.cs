using System.Text.Json.Nodes;
using Goals.Api.Tests.Infrastructure;
using Npgsql;

namespace Goals.Api.Tests;

/// <summary>Input rules that must agree with the database: colours, lengths in characters (as char_length counts them),
/// and reorder lists that no longer match the goal's tasks.</summary>
[Collection(ApiCollection.Name)]
public sealed class InputRuleTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Emoji = "\U0001F600"; // one character, two UTF-16 code units, four UTF-8 bytes
    private const string CreateGoal = "mutation($input: CreateGoalInput!) { createGoal(input: $input) { goal { id title color } } }";
    private const string CreateTask = "mutation($g: UUID!, $t: String!) { createGoalTask(input: { goalId: $g, information: $t }) { task { id information } } }";
    private const string Reorder = "mutation($g: UUID!, $ids: [UUID!]!) { reorderGoalTasks(input: { goalId: $g, taskIds: $ids }) { goal { tasks { id } } } }";

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

    [Theory]
    [InlineData("#1A2B3C\n")]
    [InlineData("#1A2B3C\r\n")]
    [InlineData("#1A2B3C ")]
    [InlineData(" #1A2B3C")]
    [InlineData("#1A2B3C\u0000")]
    public async Task A_colour_with_anything_around_it_is_VALIDATION_on_create_and_update(string color)
    {
        var create = await Run(CreateGoal, new { input = new { title = "Colour", goalType = "CAREER", color } });
        Assert.Equal("input.color", create.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());

        var goalId = await NewGoalAsync();
        var update = await Run("mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { goal { color } } }",
            new { input = new { goalId, color } });
        Assert.Equal("input.color", update.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lengths_count_characters_so_200_emoji_are_a_valid_title_and_201_are_not()
    {
        var title = string.Concat(Enumerable.Repeat(Emoji, 200));
        var created = (await Run(CreateGoal, new { input = new { title, goalType = "CAREER" } })).RequireData()["createGoal"]!["goal"]!;
        Assert.Equal(title, created["title"]!.GetValue<string>());
        Assert.Equal(200, await CharLengthAsync("SELECT char_length(title) FROM goals WHERE student_id = @s AND id = @id",
            Guid.Parse(created["id"]!.GetValue<string>())));

        var tooLong = await Run(CreateGoal, new { input = new { title = title + Emoji, goalType = "CAREER" } });
        var error = tooLong.SingleError("VALIDATION");
        Assert.Equal("input.title", error["extensions"]!["field"]!.GetValue<string>());
        Assert.Contains("(has 201)", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Task_text_of_1000_emoji_is_accepted_and_1001_is_VALIDATION()
    {
        var goalId = await NewGoalAsync();
        var text = string.Concat(Enumerable.Repeat(Emoji, 1000));
        var task = (await Run(CreateTask, new { g = goalId, t = text })).RequireData()["createGoalTask"]!["task"]!;
        Assert.Equal(1000, await CharLengthAsync("SELECT char_length(information) FROM goal_tasks WHERE student_id = @s AND id = @id",
            Guid.Parse(task["id"]!.GetValue<string>())));
        var tooLong = await Run(CreateTask, new { g = goalId, t = text + Emoji });
        Assert.Equal("input.information", tooLong.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_database_counts_characters_as_the_api_does()
    {
        // goals_title_length_check: char_length(title) BETWEEN 1 AND 200, the API's TitleMax.
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        async Task InsertAsync(string title)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO goals (student_id, id, goal_type, title) VALUES (@s, gen_random_uuid(), 'CAREER', @t)", connection);
            insert.Parameters.AddWithValue("s", _student);
            insert.Parameters.AddWithValue("t", title);
            await insert.ExecuteNonQueryAsync();
        }

        await InsertAsync(string.Concat(Enumerable.Repeat(Emoji, 200)));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(string.Concat(Enumerable.Repeat(Emoji, 201))));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("goals_title_length_check", refused.ConstraintName);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_graphql_string_literal_never_reaches_the_database()
    {
        var response = await Run("mutation { createGoal(input: { title: \"x\\ud800\", goalType: CAREER }) { goal { id } } }");
        Assert.Contains(response.Codes.Single(), new[] { "GRAPHQL_PARSE_FAILED", "VALIDATION" });
    }

    [Fact]
    public async Task Reordering_with_a_duplicate_is_VALIDATION()
    {
        var goalId = await NewGoalAsync();
        var a = await NewTaskAsync(goalId, "a");
        var b = await NewTaskAsync(goalId, "b");
        var response = await Run(Reorder, new { g = goalId, ids = new[] { a, b, a } });
        Assert.Equal("input.taskIds", response.SingleError("VALIDATION")["extensions"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reordering_a_list_read_before_a_task_was_added_is_CONFLICT_and_works_after_reading_again()
    {
        var goalId = await NewGoalAsync();
        var a = await NewTaskAsync(goalId, "a");
        var b = await NewTaskAsync(goalId, "b");
        var added = await NewTaskAsync(goalId, "added by another device");

        var stale = await Run(Reorder, new { g = goalId, ids = new[] { b, a } });
        var conflict = stale.SingleError("CONFLICT");
        Assert.Contains("Read goal.tasks again", conflict["message"]!.GetValue<string>());
        Assert.Equal("input.taskIds", conflict["extensions"]!["field"]!.GetValue<string>());
        Assert.Equal([added], Ids(conflict["extensions"]!["missingTaskIds"]!));
        Assert.Empty(Ids(conflict["extensions"]!["unknownTaskIds"]!));
        Assert.Equal([a, b, added], await TaskIdsAsync(goalId)); // unchanged

        var retried = (await Run(Reorder, new { g = goalId, ids = new[] { added, b, a } })).RequireData();
        Assert.Equal([added, b, a], Ids(retried["reorderGoalTasks"]!["goal"]!["tasks"]!, "id"));
    }

    [Fact]
    public async Task Reordering_a_list_that_holds_a_deleted_task_is_CONFLICT()
    {
        var goalId = await NewGoalAsync();
        var a = await NewTaskAsync(goalId, "a");
        var b = await NewTaskAsync(goalId, "b");
        (await Run("mutation($id: UUID!) { deleteGoalTask(input: { taskId: $id }) { deletedTaskId } }", new { id = b })).RequireData();

        var conflict = (await Run(Reorder, new { g = goalId, ids = new[] { b, a } })).SingleError("CONFLICT");
        Assert.Equal([b], Ids(conflict["extensions"]!["unknownTaskIds"]!));
        Assert.Empty(Ids(conflict["extensions"]!["missingTaskIds"]!));
    }

    [Fact]
    public async Task Reordering_a_goal_without_tasks_with_an_empty_list_succeeds()
    {
        var goalId = await NewGoalAsync();
        var response = (await Run(Reorder, new { g = goalId, ids = Array.Empty<string>() })).RequireData();
        Assert.Empty(response["reorderGoalTasks"]!["goal"]!["tasks"]!.AsArray());
    }

    [Fact]
    public async Task A_task_added_concurrently_during_a_reorder_makes_it_CONFLICT_not_a_half_applied_order()
    {
        var goalId = await NewGoalAsync();
        var a = await NewTaskAsync(goalId, "a");
        var b = await NewTaskAsync(goalId, "b");

        // Another device adds a task in a transaction that is still open (row-locking the goal, as the API's add does)...
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        await using var adding = await other.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO goal_tasks (student_id, goal_id, information, position) VALUES (@s, @g, 'added concurrently', 2);
            UPDATE goals SET updated_at = now() WHERE student_id = @s AND id = @g;
            """, other, adding))
        {
            insert.Parameters.AddWithValue("s", _student);
            insert.Parameters.AddWithValue("g", Guid.Parse(goalId));
            await insert.ExecuteNonQueryAsync();
        }

        // ...while the reorder of the two tasks the client knows runs, and waits for that lock; then the add commits.
        var reorder = Run(Reorder, new { g = goalId, ids = new[] { b, a } });
        await WaitUntilABackendWaitsForALockAsync();
        await adding.CommitAsync();

        var conflict = (await reorder).SingleError("CONFLICT");
        Assert.Single(Ids(conflict["extensions"]!["missingTaskIds"]!));
        var tasks = await TaskIdsAsync(goalId);
        Assert.Equal(3, tasks.Length);
        Assert.Equal([a, b], tasks[..2]); // the reorder did not apply
    }

    private async Task WaitUntilABackendWaitsForALockAsync()
    {
        await using var monitor = new NpgsqlConnection(database.ConnectionString);
        await monitor.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND query LIKE '%WITH current AS%'", monitor);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the reorder never waited for the concurrent add's lock");
            await Task.Delay(20);
        }
    }

    private async Task<string> NewGoalAsync() =>
        (await Run(CreateGoal, new { input = new { title = "Goal", goalType = "CAREER" } })).RequireData()["createGoal"]!["goal"]!["id"]!.GetValue<string>();

    private async Task<string> NewTaskAsync(string goalId, string text) =>
        (await Run(CreateTask, new { g = goalId, t = text })).RequireData()["createGoalTask"]!["task"]!["id"]!.GetValue<string>();

    private async Task<string[]> TaskIdsAsync(string goalId) =>
        Ids((await Run("query($id: UUID) { goals(goalId: $id) { tasks { id } } }", new { id = goalId })).RequireData()["goals"]![0]!["tasks"]!, "id");

    private static string[] Ids(JsonNode list, string? property = null) =>
        list.AsArray().Select(n => (property is null ? n : n![property])!.GetValue<string>()).ToArray();

    private async Task<int> CharLengthAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("s", _student);
        command.Parameters.AddWithValue("id", id);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
