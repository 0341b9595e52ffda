using Goals.Api.Configuration;
using Goals.Data.Sessions;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// The one place where an import checks the per-student limits, inside each chunk's transaction before its rows are
/// inserted (SERIALIZABLE, so concurrent creates cannot overshoot either). Goals per student: the chunk's goals are
/// counted as new even when a rerun finds some already present, so near the limit a rerun errs on refusing. Tasks and
/// notes per goal are bounded by the import's own row rules (a goal's children arrive with it).
/// </summary>
internal static class ImportLimits
{
    public static async Task<string?> CheckAsync(DbSession session, StudentLimitsOptions limits, Guid studentId, int newGoals, CancellationToken ct)
    {
        if (newGoals == 0) return null;
        var existing = await session.QuerySingleOrDefaultAsync<long>("SELECT count(*) FROM goals WHERE student_id = @studentId", new { studentId }, ct);
        return existing + newGoals > limits.MaxGoalsPerStudent
            ? $"LIMIT_EXCEEDED: importing these goals would pass {StudentLimitsOptions.Section}:{nameof(StudentLimitsOptions.MaxGoalsPerStudent)} ({limits.MaxGoalsPerStudent}); the student has {existing}."
            : null;
    }
}
