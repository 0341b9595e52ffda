namespace Goals.Api.UseCases;

/// <summary>The id of what a delete removed (deleteGoal, deleteGoalTask, deleteGoalNote).</summary>
public sealed record Deleted(Guid Id);
