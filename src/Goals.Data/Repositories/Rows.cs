namespace Goals.Data.Repositories;

// Row types as read from the database. Properties are filled by RowReader (Sessions) by (case-insensitive) column
// alias; timestamps are UTC DateTime (Npgsql's mapping of TIMESTAMPTZ).

public sealed record GoalRow
{
    public Guid StudentId { get; init; }
    public Guid Id { get; init; }
    /// <summary>One of <see cref="GoalTypes"/>.</summary>
    public string GoalType { get; init; } = "";
    public string Title { get; init; } = "";
    public string Information { get; init; } = "";
    public bool Complete { get; init; }
    public DateTime? DueAt { get; init; }
    /// <summary>#RRGGBB or null.</summary>
    public string? Color { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record GoalTaskRow
{
    public Guid StudentId { get; init; }
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public string Information { get; init; } = "";
    public bool Complete { get; init; }
    /// <summary>Sort key within the goal (ascending, ties by id); not necessarily dense.</summary>
    public int Position { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record GoalNoteRow
{
    public Guid StudentId { get; init; }
    public Guid Id { get; init; }
    public Guid GoalId { get; init; }
    public string Information { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>The values of goals.goal_type (checked by the database).</summary>
public static class GoalTypes
{
    public const string DevelopingMe = "DEVELOPING_ME";
    public const string HealthAndWellbeing = "HEALTH_AND_WELLBEING";
    public const string Academic = "ACADEMIC";
    public const string ExtraCurricular = "EXTRA_CURRICULAR";
    public const string Career = "CAREER";

    public static IReadOnlyList<string> All { get; } = [DevelopingMe, HealthAndWellbeing, Academic, ExtraCurricular, Career];

    public static bool IsValid(string value) => All.Contains(value, StringComparer.Ordinal);
}
