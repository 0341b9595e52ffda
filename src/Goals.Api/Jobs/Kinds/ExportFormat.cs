using System.Globalization;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// The export file, which the import reads back. JSON: <c>{"format":"goals-export/1","exportedAt":…,"goals":[…]}</c>,
/// each goal on a line of its own with the API's field names and its <c>tasks</c> (in the student's order) and
/// <c>notes</c> nested. CSV: a zip of goals.csv, tasks.csv (with goalId, position) and notes.csv (with goalId).
/// Timestamps keep the database's microseconds so an import reproduces them exactly.
/// </summary>
public static class ExportFormat
{
    public const string Json = "JSON";
    public const string Csv = "CSV";
    public const string FormatTag = "goals-export/1";

    public static readonly string[] GoalColumns = ["id", "goalType", "title", "information", "complete", "dueAt", "color", "createdAt", "updatedAt"];
    public static readonly string[] TaskColumns = ["id", "goalId", "position", "information", "complete", "createdAt", "updatedAt"];
    public static readonly string[] NoteColumns = ["id", "goalId", "information", "createdAt", "updatedAt"];

    public const string GoalsFile = "goals.csv";
    public const string TasksFile = "tasks.csv";
    public const string NotesFile = "notes.csv";

    public static string Extension(string format) => format == Csv ? "zip" : "json";

    public static string ContentType(string format) => format == Csv ? "application/zip" : "application/json";

    public static string Timestamp(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Timestamp(DateTime? utc) => utc is { } t ? Timestamp(t) : null;

    public static bool IsFormat(string? format) => format is Json or Csv;
}
