using Goals.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Goals.Api.Tests;

/// <summary>`Limits:*`: creates past a limit answer LIMIT_EXCEEDED, for that student (or goal) only.</summary>
[Collection(ApiCollection.Name)]
public sealed class StudentLimitsTests(DatabaseFixture database) : IAsyncLifetime
{
    private const int MaxGoals = 3, MaxTasks = 2, MaxNotes = 2;
    private const string CreateGoal = "mutation($input: CreateGoalInput!) { createGoal(input: $input) { replayed goal { id } } }";
    private const string CreateTask = "mutation($g: UUID!) { createGoalTask(input: { goalId: $g, information: \"t\" }) { task { id } } }";
    private const string CreateNote = "mutation($g: UUID!) { createGoalNote(input: { goalId: $g, information: \"n\" }) { note { id } } }";

    private TestApi _api = null!;

    public async Task InitializeAsync() => _api = await TestApi.StartAsync(database, new Dictionary<string, string?>
    {
        ["Limits:MaxGoalsPerStudent"] = $"{MaxGoals}",
        ["Limits:MaxTasksPerGoal"] = $"{MaxTasks}",
        ["Limits:MaxNotesPerGoal"] = $"{MaxNotes}",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private Task<GraphQLResponse> CreateGoalAsync(string token, string title = "g", string? key = null) =>
        _api.PostAsync(CreateGoal, new { input = new { goalType = "CAREER", title, information = "", idempotencyKey = key } }, token);

    private static void AssertLimitExceeded(GraphQLResponse response, string field, string limit, int maximum)
    {
        var error = response.SingleError("LIMIT_EXCEEDED");
        Assert.Equal(limit, error["extensions"]!["limit"]!.GetValue<string>());
        Assert.Equal(maximum, error["extensions"]!["maximum"]!.GetValue<int>());
        Assert.Equal(field, error["path"]![0]!.GetValue<string>());
        Assert.Null(response.Data?[field]); // the payloads are non-null: data is null
    }

    private async Task<int> CountGoalsAsync(string token) =>
        (await _api.PostAsync("{ goals { id } }", token: token)).RequireData()["goals"]!.AsArray().Count;

    [Fact]
    public async Task Goals_past_the_limit_are_refused_for_that_student_only_until_one_is_deleted()
    {
        var token = _api.Token(Guid.NewGuid());
        var ids = new List<string>();
        for (var i = 0; i < MaxGoals; i++)
            ids.Add((await CreateGoalAsync(token, key: $"k{i}")).RequireData()["createGoal"]!["goal"]!["id"]!.GetValue<string>());

        AssertLimitExceeded(await CreateGoalAsync(token), "createGoal", "MaxGoalsPerStudent", MaxGoals);
        Assert.Equal(MaxGoals, await CountGoalsAsync(token));

        // A retry of a create that happened is still its replay, not a refusal.
        Assert.True((await CreateGoalAsync(token, key: "k0")).RequireData()["createGoal"]!["replayed"]!.GetValue<bool>());
        var other = _api.Token(Guid.NewGuid());
        (await CreateGoalAsync(other)).RequireData();

        (await _api.PostAsync("mutation($id: UUID!) { deleteGoal(input: { goalId: $id }) { deletedGoalId } }", new { id = ids[0] }, token)).RequireData();
        (await CreateGoalAsync(token)).RequireData();
        AssertLimitExceeded(await CreateGoalAsync(token), "createGoal", "MaxGoalsPerStudent", MaxGoals);
    }

    [Fact]
    public async Task Concurrent_creates_over_HTTP_stop_exactly_at_the_limit()
    {
        var token = _api.Token(Guid.NewGuid());
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => CreateGoalAsync(token, $"racing {i}"))));

        Assert.Equal(MaxGoals, responses.Count(r => r.Errors.Count == 0));
        Assert.All(responses.Where(r => r.Errors.Count > 0), r => AssertLimitExceeded(r, "createGoal", "MaxGoalsPerStudent", MaxGoals));
        Assert.Equal(MaxGoals, await CountGoalsAsync(token));
    }

    [Fact]
    public async Task Tasks_and_notes_past_the_limit_of_their_goal_are_refused()
    {
        var token = _api.Token(Guid.NewGuid());
        var goal = (await CreateGoalAsync(token)).RequireData()["createGoal"]!["goal"]!["id"]!.GetValue<string>();
        var sibling = (await CreateGoalAsync(token)).RequireData()["createGoal"]!["goal"]!["id"]!.GetValue<string>();
        for (var i = 0; i < MaxTasks; i++) (await _api.PostAsync(CreateTask, new { g = goal }, token)).RequireData();
        for (var i = 0; i < MaxNotes; i++) (await _api.PostAsync(CreateNote, new { g = goal }, token)).RequireData();

        AssertLimitExceeded(await _api.PostAsync(CreateTask, new { g = goal }, token), "createGoalTask", "MaxTasksPerGoal", MaxTasks);
        AssertLimitExceeded(await _api.PostAsync(CreateNote, new { g = goal }, token), "createGoalNote", "MaxNotesPerGoal", MaxNotes);
        var full = (await _api.PostAsync("query($id: UUID) { goals(goalId: $id) { tasks { id } notes { id } } }", new { id = goal }, token))
            .RequireData()["goals"]![0]!;
        Assert.Equal((MaxTasks, MaxNotes), (full["tasks"]!.AsArray().Count, full["notes"]!.AsArray().Count));

        (await _api.PostAsync(CreateTask, new { g = sibling }, token)).RequireData();
        (await _api.PostAsync(CreateNote, new { g = sibling }, token)).RequireData();
        // Someone else's full goal stays NOT_FOUND: a refusal must not reveal that the goal exists.
        var intruder = _api.Token(Guid.NewGuid());
        (await _api.PostAsync(CreateTask, new { g = goal }, intruder)).SingleError("NOT_FOUND");
        (await _api.PostAsync(CreateNote, new { g = goal }, intruder)).SingleError("NOT_FOUND");
    }

    [Theory]
    [InlineData("Limits:MaxGoalsPerStudent", "0", "Limits:MaxGoalsPerStudent must be a whole number of at least 1")]
    [InlineData("Limits:MaxTasksPerGoal", "-5", "Limits:MaxTasksPerGoal must be a whole number of at least 1")]
    [InlineData("Limits:MaxNotesPerGoal", "many", "Limits:MaxNotesPerGoal")]
    [InlineData("Limits:MaxGoals", "10", "MaxGoals")]
    public async Task Invalid_limits_stop_the_start_with_a_message_naming_the_key(string key, string value, string message)
    {
        // A value the binder cannot read (not a number, an unknown key) fails binding; one below 1 fails validation.
        var error = await Record.ExceptionAsync(() => TestApi.StartAsync(database, new Dictionary<string, string?> { [key] = value }));
        Assert.True(error is InvalidOperationException or OptionsValidationException, $"start-up did not fail on {key}: {error}");
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
