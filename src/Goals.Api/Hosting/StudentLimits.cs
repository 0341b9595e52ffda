using Goals.Data.Repositories;

namespace Goals.Api.Hosting;

/// <summary>`Limits:*` configuration: how much one student may create. Bound once at start-up; invalid values stop it.</summary>
public sealed class StudentLimits
{
    public const string Section = "Limits";

    /// <summary>Not lower than 10,000: an import job may bring that many goals for one student.</summary>
    public int MaxGoalsPerStudent { get; set; } = 10_000;

    public int MaxTasksPerGoal { get; set; } = 200;
    public int MaxNotesPerGoal { get; set; } = 200;

    /// <exception cref="InvalidOperationException">An unknown key, a value that is not a whole number, or one below 1.</exception>
    public static StudentLimits FromConfiguration(IConfiguration configuration)
    {
        var limits = configuration.GetSection(Section).Get<StudentLimits>(o => o.ErrorOnUnknownConfiguration = true) ?? new StudentLimits();
        Require(limits.MaxGoalsPerStudent, nameof(MaxGoalsPerStudent));
        Require(limits.MaxTasksPerGoal, nameof(MaxTasksPerGoal));
        Require(limits.MaxNotesPerGoal, nameof(MaxNotesPerGoal));
        return limits;
    }

    /// <summary>The configuration key of a limit, as clients see it in `extensions.limit`.</summary>
    public static string KeyOf(StudentLimit limit) => limit switch
    {
        StudentLimit.GoalsPerStudent => nameof(MaxGoalsPerStudent),
        StudentLimit.TasksPerGoal => nameof(MaxTasksPerGoal),
        StudentLimit.NotesPerGoal => nameof(MaxNotesPerGoal),
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    private static void Require(int value, string name)
    {
        if (value < 1)
            throw new InvalidOperationException($"Configuration {Section}:{name} must be a whole number of at least 1 (it is {value}).");
    }
}
