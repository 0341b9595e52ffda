using Goals.Data.Sessions;

namespace Goals.Api.Jobs.Kinds;

/// <summary>
/// LIMITS HOOK — the single place where an import checks the per-student limits (MaxGoalsPerStudent, ...). It runs
/// inside each chunk's transaction, before the chunk's rows are inserted. The limits work (another change) plugs its
/// checks in here: return the reason to reject the chunk's new goals, or null to accept them. No limits exist yet.
/// </summary>
internal static class ImportLimits
{
    public static Task<string?> CheckAsync(DbSession session, Guid studentId, int newGoals, int newTasks, int newNotes, CancellationToken ct) =>
        Task.FromResult<string?>(null);
}
