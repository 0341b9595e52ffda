using Goals.Data.Repositories;
using Goals.Data.Tests.Infrastructure;

namespace Goals.Data.Tests;

public sealed class TaskAndNoteRepositoryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly GoalRepository _goals = new();
    private readonly TaskRepository _tasks = new();
    private readonly NoteRepository _notes = new();

    private async Task<(Guid Student, GoalRow Goal)> NewGoalAsync()
    {
        var student = Guid.NewGuid();
        await using var session = db.OpenSession();
        return (student, await _goals.CreateAsync(session, student, new NewGoal(GoalTypes.HealthAndWellbeing, "Run 5k"), TestLimits.None));
    }

    [Fact]
    public async Task Tasks_are_added_at_the_end_updated_completed_and_deleted()
    {
        var (student, goal) = await NewGoalAsync();
        await using var session = db.OpenSession();

        var first = await _tasks.AddAsync(session, student, goal.Id, "Buy shoes", TestLimits.None);
        var second = await _tasks.AddAsync(session, student, goal.Id, "Run 1k", TestLimits.None);
        var third = await _tasks.AddAsync(session, student, goal.Id, "Run 3k", TestLimits.None);
        Assert.Equal([0, 1, 2], new[] { first!.Position, second!.Position, third!.Position });
        Assert.Equal(["Buy shoes", "Run 1k", "Run 3k"], (await _tasks.ListAsync(session, student, goal.Id)).Select(t => t.Information));

        var updated = await _tasks.UpdateAsync(session, student, second.Id, "Run 2k", complete: null);
        Assert.Equal("Run 2k", updated!.Information);
        Assert.False(updated.Complete);
        Assert.True((await _tasks.SetCompleteAsync(session, student, second.Id, true))!.Complete);
        Assert.Equal("Run 2k", (await _tasks.GetAsync(session, student, second.Id))!.Information);

        Assert.True(await _tasks.DeleteAsync(session, student, first.Id));
        Assert.False(await _tasks.DeleteAsync(session, student, first.Id));
        Assert.Equal([second.Id, third.Id], (await _tasks.ListAsync(session, student, goal.Id)).Select(t => t.Id));

        var fourth = await _tasks.AddAsync(session, student, goal.Id, "Run 5k", TestLimits.None);
        Assert.Equal([second.Id, third.Id, fourth!.Id], (await _tasks.ListAsync(session, student, goal.Id)).Select(t => t.Id));
        Assert.Null(await _tasks.AddAsync(session, student, Guid.NewGuid(), "no such goal", TestLimits.None));
    }

    [Fact]
    public async Task Task_and_note_writes_bump_the_parent_goal()
    {
        var (student, goal) = await NewGoalAsync();
        await using var session = db.OpenSession();
        var before = goal.UpdatedAt;
        await Task.Delay(5);
        var task = await _tasks.AddAsync(session, student, goal.Id, "t", TestLimits.None);
        var afterTask = (await _goals.GetAsync(session, student, goal.Id))!.UpdatedAt;
        Assert.True(afterTask > before);
        await Task.Delay(5);
        await _notes.AddAsync(session, student, goal.Id, "n", TestLimits.None);
        var afterNote = (await _goals.GetAsync(session, student, goal.Id))!.UpdatedAt;
        Assert.True(afterNote > afterTask);
        await Task.Delay(5);
        await _tasks.DeleteAsync(session, student, task!.Id);
        Assert.True((await _goals.GetAsync(session, student, goal.Id))!.UpdatedAt > afterNote);
    }

    [Fact]
    public async Task Tasks_can_be_moved_to_an_index_and_fully_reordered()
    {
        var (student, goal) = await NewGoalAsync();
        await using var session = db.OpenSession();
        var ids = new List<Guid>();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            ids.Add((await _tasks.AddAsync(session, student, goal.Id, name, TestLimits.None))!.Id);
        }
        async Task<string> Order() => string.Concat((await _tasks.ListAsync(session, student, goal.Id)).Select(t => t.Information));

        Assert.True(await _tasks.MoveAsync(session, student, ids[0], 3));
        Assert.Equal("bcdae", await Order());
        Assert.True(await _tasks.MoveAsync(session, student, ids[4], 0));
        Assert.Equal("ebcda", await Order());
        Assert.True(await _tasks.MoveAsync(session, student, ids[2], 99));
        Assert.Equal("ebdac", await Order());
        Assert.True(await _tasks.MoveAsync(session, student, ids[2], -5));
        Assert.Equal("cebda", await Order());
        Assert.Equal([0, 1, 2, 3, 4], (await _tasks.ListAsync(session, student, goal.Id)).Select(t => t.Position));
        Assert.False(await _tasks.MoveAsync(session, student, Guid.NewGuid(), 0));

        Assert.True((await _tasks.SetOrderAsync(session, student, goal.Id, [ids[0], ids[1], ids[2], ids[3], ids[4]])).Reordered);
        Assert.Equal("abcde", await Order());
        // Incomplete, foreign or duplicated lists change nothing, and say what the goal's tasks are now.
        foreach (var list in (Guid[][])[[ids[4], ids[3]], [ids[4], ids[3], ids[2], ids[1], Guid.NewGuid()], [ids[4], ids[4], ids[2], ids[1], ids[0]], []])
        {
            var result = await _tasks.SetOrderAsync(session, student, goal.Id, list);
            Assert.False(result.Reordered);
            Assert.Equal(ids.Order(), result.CurrentTaskIds.Order());
        }

        Assert.Equal("abcde", await Order());
    }

    [Fact]
    public async Task Notes_are_added_listed_oldest_first_updated_and_deleted()
    {
        var (student, goal) = await NewGoalAsync();
        await using var session = db.OpenSession();
        var first = await _notes.AddAsync(session, student, goal.Id, "felt good", TestLimits.None);
        var second = await _notes.AddAsync(session, student, goal.Id, "knee hurts", TestLimits.None);
        Assert.Equal([first!.Id, second!.Id], (await _notes.ListAsync(session, student, goal.Id)).Select(n => n.Id));

        var updated = await _notes.UpdateAsync(session, student, first.Id, "felt great");
        Assert.Equal("felt great", updated!.Information);
        Assert.Equal("felt great", (await _notes.GetAsync(session, student, first.Id))!.Information);
        Assert.True(await _notes.DeleteAsync(session, student, first.Id));
        Assert.Equal([second.Id], (await _notes.ListAsync(session, student, goal.Id)).Select(n => n.Id));
        Assert.Null(await _notes.AddAsync(session, student, Guid.NewGuid(), "no such goal", TestLimits.None));
    }

    [Fact]
    public async Task Deleting_a_goal_deletes_its_tasks_and_notes()
    {
        var (student, goal) = await NewGoalAsync();
        await using var session = db.OpenSession();
        var task = await _tasks.AddAsync(session, student, goal.Id, "t", TestLimits.None);
        var note = await _notes.AddAsync(session, student, goal.Id, "n", TestLimits.None);
        Assert.True(await _goals.DeleteAsync(session, student, goal.Id));
        Assert.Null(await _tasks.GetAsync(session, student, task!.Id));
        Assert.Null(await _notes.GetAsync(session, student, note!.Id));
    }

    [Fact]
    public async Task Another_student_can_neither_read_nor_change_tasks_and_notes()
    {
        var (owner, goal) = await NewGoalAsync();
        var intruder = Guid.NewGuid();
        await using var session = db.OpenSession();
        var task = (await _tasks.AddAsync(session, owner, goal.Id, "mine", TestLimits.None))!;
        var other = (await _tasks.AddAsync(session, owner, goal.Id, "also mine", TestLimits.None))!;
        var note = (await _notes.AddAsync(session, owner, goal.Id, "private", TestLimits.None))!;

        Assert.Null(await _tasks.AddAsync(session, intruder, goal.Id, "sneaky", TestLimits.None));
        Assert.Null(await _tasks.GetAsync(session, intruder, task.Id));
        Assert.Empty(await _tasks.ListAsync(session, intruder, goal.Id));
        Assert.Null(await _tasks.UpdateAsync(session, intruder, task.Id, "stolen", true));
        Assert.Null(await _tasks.SetCompleteAsync(session, intruder, task.Id, true));
        Assert.False(await _tasks.MoveAsync(session, intruder, task.Id, 1));
        var intrudersOrder = await _tasks.SetOrderAsync(session, intruder, goal.Id, [other.Id, task.Id]);
        Assert.False(intrudersOrder.Reordered);
        Assert.Empty(intrudersOrder.CurrentTaskIds); // nothing of the other student's goal shows through
        Assert.False(await _tasks.DeleteAsync(session, intruder, task.Id));

        Assert.Null(await _notes.AddAsync(session, intruder, goal.Id, "sneaky", TestLimits.None));
        Assert.Null(await _notes.GetAsync(session, intruder, note.Id));
        Assert.Empty(await _notes.ListAsync(session, intruder, goal.Id));
        Assert.Null(await _notes.UpdateAsync(session, intruder, note.Id, "stolen"));
        Assert.False(await _notes.DeleteAsync(session, intruder, note.Id));

        var tasks = _tasks.EnqueueByGoalIds(session, intruder, [goal.Id]);
        var notes = _notes.EnqueueByGoalIds(session, intruder, [goal.Id]);
        await session.FlushAsync();
        Assert.Empty(await tasks);
        Assert.Empty(await notes);

        Assert.Equal([task.Id, other.Id], (await _tasks.ListAsync(session, owner, goal.Id)).Select(t => t.Id));
        Assert.Equal(task with { }, await _tasks.GetAsync(session, owner, task.Id));
        Assert.Equal(note, await _notes.GetAsync(session, owner, note.Id));
    }
}
