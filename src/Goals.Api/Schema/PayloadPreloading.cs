using Goals.GraphQL.Execution;

namespace Goals.Api.Schema;

/// <summary>Reads, inside a mutation's transaction, the children of the goal its payload returns, as far as the client
/// selected them (one round trip for tasks and notes together), so the payload needs nothing after COMMIT.</summary>
internal static class PayloadPreloading
{
    public static async Task PreloadGoalChildrenAsync(IResolverContext context, GoalsRequestContext request, Guid studentId, Guid goalId,
        bool createdNow, CancellationToken ct)
    {
        var wantsTasks = context.Selects("goal", "tasks");
        var wantsNotes = context.Selects("goal", "notes");
        if (createdNow)
        {
            // A goal created in this transaction has no children yet.
            if (wantsTasks) request.Preloaded.SetTasks(goalId, []);
            if (wantsNotes) request.Preloaded.SetNotes(goalId, []);
            return;
        }

        if (!wantsTasks && !wantsNotes) return;
        var tasks = wantsTasks ? request.Store.EnqueueTasksByGoalIds(studentId, [goalId]) : null;
        var notes = wantsNotes ? request.Store.EnqueueNotesByGoalIds(studentId, [goalId]) : null;
        await request.Store.Session.FlushAsync(ct);
        if (tasks is not null) request.Preloaded.SetTasks(goalId, (await tasks).GetValueOrDefault(goalId) ?? []);
        if (notes is not null) request.Preloaded.SetNotes(goalId, (await notes).GetValueOrDefault(goalId) ?? []);
    }
}
