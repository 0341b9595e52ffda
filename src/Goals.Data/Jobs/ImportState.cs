namespace Goals.Data.Jobs;

/// <summary>The database's side of an import chunk (<see cref="StudentDataRepository.ImportStateAsync"/>).</summary>
public sealed class ImportState
{
    /// <summary>The student's goals, the chunk's own present ones included.</summary>
    public long GoalCount { get; set; }
    public HashSet<Guid> PresentGoals { get; } = [];
    public HashSet<Guid> PresentTasks { get; } = [];
    public HashSet<Guid> PresentNotes { get; } = [];
    /// <summary>Which of the asked parent goals exist (CSV tasks and notes name goals imported by an earlier chunk).</summary>
    public HashSet<Guid> ExistingParents { get; } = [];
    /// <summary>Tasks of each asked parent goal that has any (present chunk tasks included).</summary>
    public Dictionary<Guid, long> TasksPerGoal { get; } = [];
    public Dictionary<Guid, long> NotesPerGoal { get; } = [];
}
