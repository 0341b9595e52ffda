using Goals.Api.UseCases.Goals;
using Goals.Api.UseCases.Notes;
using Goals.Api.UseCases.Tasks;

namespace Goals.Api.UseCases;

/// <summary>
/// The goal, task and note use cases, one service each (singletons: they hold repositories, never request state; the
/// request comes in as <see cref="GoalsRequest"/>). Reached through the request so the resolvers on the hot path need no
/// service lookup. The job use cases are resolved from the request's services instead, so that the queue and file
/// clients they hold are only built when a job is first touched (not in every cold start).
/// </summary>
public sealed class GoalsUseCases(
    LoadGoalTree loadGoalTree, PageGoals pageGoals, CreateGoal createGoal, UpdateGoal updateGoal, DeleteGoal deleteGoal,
    LoadGoalTasks loadGoalTasks, AddTask addTask, UpdateTask updateTask, DeleteTask deleteTask, ReorderTasks reorderTasks,
    LoadGoalNotes loadGoalNotes, AddNote addNote, UpdateNote updateNote, DeleteNote deleteNote)
{
    public LoadGoalTree LoadGoalTree { get; } = loadGoalTree;
    public PageGoals PageGoals { get; } = pageGoals;
    public CreateGoal CreateGoal { get; } = createGoal;
    public UpdateGoal UpdateGoal { get; } = updateGoal;
    public DeleteGoal DeleteGoal { get; } = deleteGoal;

    public LoadGoalTasks LoadGoalTasks { get; } = loadGoalTasks;
    public AddTask AddTask { get; } = addTask;
    public UpdateTask UpdateTask { get; } = updateTask;
    public DeleteTask DeleteTask { get; } = deleteTask;
    public ReorderTasks ReorderTasks { get; } = reorderTasks;

    public LoadGoalNotes LoadGoalNotes { get; } = loadGoalNotes;
    public AddNote AddNote { get; } = addNote;
    public UpdateNote UpdateNote { get; } = updateNote;
    public DeleteNote DeleteNote { get; } = deleteNote;
}
