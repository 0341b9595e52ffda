using Goals.Data.Repositories;
using static Goals.Api.UseCases.UseCaseErrors;

namespace Goals.Api.UseCases.Goals;

/// <summary>
/// Query <c>goals(goalId)</c>: all the student's goals (newest first) or the one goal, with the columns and children the
/// query asks for, in ONE round trip: the children are selected by student (all goals) or by the goal id, both known
/// before the goals are read. The children become the request's preloaded lists, so Goal.tasks/notes read nothing more.
/// </summary>
public sealed class LoadGoalTree(GoalTreeQueries trees)
{
    /// <param name="GoalId">null: all goals.</param>
    /// <param name="Columns">The goal columns the query reads.</param>
    public readonly record struct Input(Guid? GoalId, GoalColumns Columns, bool WithTasks, bool WithNotes);

    /// <exception cref="global::Goals.GraphQL.GraphQLException">NOT_FOUND (field goalId): the goal is not the student's.</exception>
    public async Task<IReadOnlyList<GoalRow>> RunAsync(GoalsRequest request, Guid studentId, Input input, CancellationToken ct)
    {
        var session = request.Session;
        var goalRows = input.GoalId is { } id
            ? trees.EnqueueGoal(session, studentId, id, input.Columns)
            : trees.EnqueueAllGoals(session, studentId, input.Columns);
        var taskRows = input.WithTasks ? trees.EnqueueTasks(session, studentId, input.GoalId) : null;
        var noteRows = input.WithNotes ? trees.EnqueueNotes(session, studentId, input.GoalId) : null;
        await session.FlushAsync(ct);
        var goals = await goalRows;
        var tasks = taskRows is null ? null : Grouping.ByGoal(await taskRows, t => t.GoalId);
        var notes = noteRows is null ? null : Grouping.ByGoal(await noteRows, n => n.GoalId);

        if (input.GoalId is { } wanted && goals.Count == 0) throw NotFound("Goal", wanted, "goalId");
        foreach (var goal in goals)
        {
            if (tasks is not null) request.Preloaded.SetTasks(goal.Id, tasks.GetValueOrDefault(goal.Id) ?? []);
            if (notes is not null) request.Preloaded.SetNotes(goal.Id, notes.GetValueOrDefault(goal.Id) ?? []);
        }

        return goals;
    }
}
