using Goals.Data.Sessions;
using Npgsql;

namespace Goals.Data.Repositories;

// Row types as read from the database (IRow: each reads itself by column alias, in the order of its Columns);
// timestamps are UTC DateTime (Npgsql's mapping of TIMESTAMPTZ).

public sealed record GoalRow : IRow<GoalRow>
{
    public static IReadOnlyList<string> Columns { get; } =
        ["studentid", "id", "goaltype", "title", "information", "complete", "dueat", "color", "createdat", "updatedat"];

    public static GoalRow Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) => new()
    {
        StudentId = reader.Get<Guid>(at[0]),
        Id = reader.Get<Guid>(at[1]),
        GoalType = reader.Get(at[2], ""),
        Title = reader.Get(at[3], ""),
        Information = reader.Get(at[4], ""),
        Complete = reader.Get<bool>(at[5]),
        DueAt = reader.GetNullable<DateTime>(at[6]),
        Color = reader.Get<string?>(at[7], null),
        CreatedAt = reader.Get<DateTime>(at[8]),
        UpdatedAt = reader.Get<DateTime>(at[9]),
    };

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

public sealed record GoalTaskRow : IRow<GoalTaskRow>
{
    public static IReadOnlyList<string> Columns { get; } =
        ["studentid", "id", "goalid", "information", "complete", "position", "createdat", "updatedat"];

    public static GoalTaskRow Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) => new()
    {
        StudentId = reader.Get<Guid>(at[0]),
        Id = reader.Get<Guid>(at[1]),
        GoalId = reader.Get<Guid>(at[2]),
        Information = reader.Get(at[3], ""),
        Complete = reader.Get<bool>(at[4]),
        Position = reader.Get<int>(at[5]),
        CreatedAt = reader.Get<DateTime>(at[6]),
        UpdatedAt = reader.Get<DateTime>(at[7]),
    };

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

public sealed record GoalNoteRow : IRow<GoalNoteRow>
{
    public static IReadOnlyList<string> Columns { get; } = ["studentid", "id", "goalid", "information", "createdat", "updatedat"];

    public static GoalNoteRow Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) => new()
    {
        StudentId = reader.Get<Guid>(at[0]),
        Id = reader.Get<Guid>(at[1]),
        GoalId = reader.Get<Guid>(at[2]),
        Information = reader.Get(at[3], ""),
        CreatedAt = reader.Get<DateTime>(at[4]),
        UpdatedAt = reader.Get<DateTime>(at[5]),
    };

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
