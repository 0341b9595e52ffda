namespace Goals.Data.Repositories;

/// <summary>The per-student limits a create is checked against, in the statement that inserts.</summary>
public enum StudentLimit
{
    GoalsPerStudent,
    TasksPerGoal,
    NotesPerGoal,
}

/// <summary>A create was refused because the student (or the goal) already holds <see cref="Maximum"/> rows; nothing was written.</summary>
public sealed class LimitExceededException(StudentLimit limit, int maximum)
    : Exception($"The limit {limit} of {maximum} is reached; nothing was created.")
{
    public StudentLimit Limit { get; } = limit;
    public int Maximum { get; } = maximum;
}
