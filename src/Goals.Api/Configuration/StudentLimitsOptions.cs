using Goals.Data.Repositories;

namespace Goals.Api.Configuration;

/// <summary>
/// `Limits:*`: how much one student may create. Bound once at start-up, unknown keys refused; a value below 1 stops it
/// (<see cref="StudentLimitsOptionsValidator"/>).
/// </summary>
public sealed class StudentLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Not lower than 10,000: an import job may bring that many goals for one student.</summary>
    public int MaxGoalsPerStudent { get; set; } = 10_000;

    public int MaxTasksPerGoal { get; set; } = 200;

    public int MaxNotesPerGoal { get; set; } = 200;

    /// <summary>The configuration key of a limit, as clients see it in `extensions.limit`.</summary>
    public static string KeyOf(StudentLimit limit) => limit switch
    {
        StudentLimit.GoalsPerStudent => nameof(MaxGoalsPerStudent),
        StudentLimit.TasksPerGoal => nameof(MaxTasksPerGoal),
        StudentLimit.NotesPerGoal => nameof(MaxNotesPerGoal),
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };
}
