using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Goals.Api.Schema;
using Goals.Data.Repositories;
using Goals.GraphQL;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// Checks one imported goal, task or note with the mutations' own rules (<see cref="InputReader"/>, the same limits as
/// createGoal / createGoalTask / createGoalNote) and gives it an id derived from the student and the row's key, so the
/// same row imported again (a rerun, a retry after a crash) is the same row and is not inserted twice.
/// </summary>
internal static class ImportRules
{
    public static GoalRow Goal(Guid studentId, string rowKey, IReadOnlyDictionary<string, string?> fields, DateTime now)
    {
        var input = new InputReader(Values(fields, "dueAt"), "goal");
        var goalType = input.GoalType("goalType") ?? throw input.Invalid("goalType", "goal.goalType is required.");
        if (!GoalTypes.IsValid(goalType))
            throw input.Invalid("goalType", $"goal.goalType must be one of {string.Join(", ", GoalTypes.All)}.");
        var created = Time(fields, "createdAt") ?? now;
        return new GoalRow
        {
            StudentId = studentId,
            Id = DeriveId(studentId, "goal", rowKey),
            GoalType = goalType,
            Title = input.Text("title", 1, GoalMutations.TitleMax),
            Information = input.Text("information", 0, GoalMutations.InformationMax),
            Complete = Bool(fields, "complete", "goal") ?? false,
            DueAt = input.DueAt("dueAt")?.UtcDateTime,
            Color = input.Color("color"),
            CreatedAt = created,
            UpdatedAt = Time(fields, "updatedAt") ?? created,
        };
    }

    public static GoalTaskRow Task(Guid studentId, Guid goalId, string rowKey, int position, IReadOnlyDictionary<string, string?> fields, DateTime now)
    {
        var input = new InputReader(Values(fields), "task");
        var created = Time(fields, "createdAt") ?? now;
        return new GoalTaskRow
        {
            StudentId = studentId,
            Id = DeriveId(studentId, "task", rowKey),
            GoalId = goalId,
            Information = input.Text("information", 1, TaskMutations.TaskInformationMax),
            Complete = Bool(fields, "complete", "task") ?? false,
            Position = position,
            CreatedAt = created,
            UpdatedAt = Time(fields, "updatedAt") ?? created,
        };
    }

    public static GoalNoteRow Note(Guid studentId, Guid goalId, string rowKey, IReadOnlyDictionary<string, string?> fields, DateTime now)
    {
        var input = new InputReader(Values(fields), "note");
        var created = Time(fields, "createdAt") ?? now;
        return new GoalNoteRow
        {
            StudentId = studentId,
            Id = DeriveId(studentId, "note", rowKey),
            GoalId = goalId,
            Information = input.Text("information", 1, NoteMutations.NoteInformationMax),
            CreatedAt = created,
            UpdatedAt = Time(fields, "updatedAt") ?? created,
        };
    }

    /// <summary>A UUID (version 8, RFC 9562) from SHA-256 of student, entity and row key: stable across reruns, distinct per student.</summary>
    public static Guid DeriveId(Guid studentId, string entity, string rowKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"goals-import\n{studentId:D}\n{entity}\n{rowKey}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The row key: the source id when the file has one, else a hash of where and what the row is.</summary>
    public static string RowKey(string? sourceId, string fallback) =>
        !string.IsNullOrWhiteSpace(sourceId) ? "id:" + sourceId.Trim().ToLowerInvariant() : "row:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(fallback)))[..32];

    /// <summary>The message of a rule violation (the mutations' VALIDATION message).</summary>
    public static string? Violation(Exception e) => e switch
    {
        GraphQLException g => g.Message,
        ImportRowException r => r.Message,
        _ => null,
    };

    private static Dictionary<string, object?> Values(IReadOnlyDictionary<string, string?> fields, string? dueAtField = null)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (name, value) in fields)
        {
            if (value is null || (value.Length == 0 && name is "color" or "dueAt")) continue;
            values[name] = name == dueAtField ? ParseTime(value, name) : value;
        }

        return values;
    }

    private static DateTime? Time(IReadOnlyDictionary<string, string?> fields, string name) =>
        fields.TryGetValue(name, out var text) && !string.IsNullOrEmpty(text) ? ParseTime(text, name).UtcDateTime : null;

    private static DateTimeOffset ParseTime(string text, string name) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) && HasOffset(text)
            ? value
            : throw new ImportRowException($"{name} must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T09:00:00Z.");

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10;

    private static bool? Bool(IReadOnlyDictionary<string, string?> fields, string name, string entity) =>
        fields.TryGetValue(name, out var text) && !string.IsNullOrEmpty(text)
            ? text.Trim().ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw new ImportRowException($"{entity}.{name} must be true or false."),
            }
            : null;
}

/// <summary>A row the import rejects (its reason goes into the report).</summary>
internal sealed class ImportRowException(string message) : Exception(message);
