using Goals.Api.Tests.Infrastructure;

namespace Goals.Api.Tests;

/// <summary>Student B's token against each of A's ids, in every field and mutation: NOT_FOUND, and A's data unchanged.</summary>
[Collection(ApiCollection.Name)]
public sealed class IsolationTests(DatabaseFixture database) : IAsyncLifetime
{
    private TestApi _api = null!;
    private string _tokenA = null!, _tokenB = null!;
    private string _goalId = null!, _taskId = null!, _noteId = null!;

    public async Task InitializeAsync()
    {
        _api = await TestApi.StartAsync(database);
        _tokenA = _api.Token(Guid.NewGuid());
        _tokenB = _api.Token(Guid.NewGuid());
        _goalId = (await GoalsApiTests.CreateGoalAsync(_api, _tokenA, "A's goal"))["goal"]!["id"]!.GetValue<string>();
        _taskId = (await _api.PostAsync("mutation($g: UUID!) { createGoalTask(input: { goalId: $g, information: \"A task\" }) { task { id } } }", new { g = _goalId }, _tokenA))
            .RequireData()["createGoalTask"]!["task"]!["id"]!.GetValue<string>();
        _noteId = (await _api.PostAsync("mutation($g: UUID!) { createGoalNote(input: { goalId: $g, information: \"A note\" }) { note { id } } }", new { g = _goalId }, _tokenA))
            .RequireData()["createGoalNote"]!["note"]!["id"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string> Operations() => new()
    {
        { "goals(goalId)", "query($goal: UUID) { goals(goalId: $goal) { id } }" },
        { "updateGoal", "mutation($goal: UUID!) { updateGoal(input: { goalId: $goal, title: \"B was here\", complete: true }) { goal { id } } }" },
        { "deleteGoal", "mutation($goal: UUID!) { deleteGoal(input: { goalId: $goal }) { deletedGoalId } }" },
        { "createGoalTask", "mutation($goal: UUID!) { createGoalTask(input: { goalId: $goal, information: \"B\" }) { task { id } } }" },
        { "updateGoalTask", "mutation($task: UUID!) { updateGoalTask(input: { taskId: $task, information: \"B\" }) { task { id } } }" },
        { "completeGoalTask", "mutation($task: UUID!) { completeGoalTask(input: { taskId: $task }) { task { id } } }" },
        { "deleteGoalTask", "mutation($task: UUID!) { deleteGoalTask(input: { taskId: $task }) { deletedTaskId } }" },
        { "reorderGoalTasks", "mutation($goal: UUID!, $task: UUID!) { reorderGoalTasks(input: { goalId: $goal, taskIds: [$task] }) { goal { id } } }" },
        { "createGoalNote", "mutation($goal: UUID!) { createGoalNote(input: { goalId: $goal, information: \"B\" }) { note { id } } }" },
        { "updateGoalNote", "mutation($note: UUID!) { updateGoalNote(input: { noteId: $note, information: \"B\" }) { note { id } } }" },
        { "deleteGoalNote", "mutation($note: UUID!) { deleteGoalNote(input: { noteId: $note }) { deletedNoteId } }" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Other_students_ids_are_NOT_FOUND_and_untouched(string name, string operation)
    {
        var variables = new Dictionary<string, object?>();
        if (operation.Contains("$goal", StringComparison.Ordinal)) variables["goal"] = _goalId;
        if (operation.Contains("$task", StringComparison.Ordinal)) variables["task"] = _taskId;
        if (operation.Contains("$note", StringComparison.Ordinal)) variables["note"] = _noteId;
        var before = await SnapshotAsync();

        var response = await _api.PostAsync(operation, variables, _tokenB);
        Assert.True(response.Codes.SequenceEqual(["NOT_FOUND"]), $"{name}: {response.Body.ToJsonString()}");
        Assert.DoesNotContain("A's goal", response.Body.ToJsonString());

        Assert.Equal(before, await SnapshotAsync());
        var bGoals = (await _api.PostAsync("{ goals { id } }", token: _tokenB)).RequireData()["goals"]!.AsArray();
        Assert.Empty(bGoals);
    }

    [Fact]
    public async Task Lists_and_connections_never_show_another_students_goals()
    {
        var list = (await _api.PostAsync("{ goals { id } goalsConnection(first: 50) { totalCount edges { node { id } } } }", token: _tokenB)).RequireData();
        Assert.Empty(list["goals"]!.AsArray());
        Assert.Equal(0, list["goalsConnection"]!["totalCount"]!.GetValue<int>());
    }

    private async Task<string> SnapshotAsync() =>
        (await _api.PostAsync($"{{ goals {{ {GoalsApiTests.GoalFields} }} }}", token: _tokenA)).RequireData().ToJsonString();
}
