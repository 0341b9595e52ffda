namespace Goals.Api.UseCases;

/// <summary>Which children of the goal in a mutation's payload the client selected.</summary>
public readonly record struct SelectedChildren(bool Tasks, bool Notes);

/// <summary>Reads, inside a mutation's transaction, the children of the goal its payload returns, as far as the client
/// selected them (one round trip for tasks and notes together), so the payload needs nothing after COMMIT.</summary>
internal static class PayloadPreloading
{
    public static async Task PreloadGoalChildrenAsync(GoalsRequest request, Guid studentId, Guid goalId, SelectedChildren selected,
        CancellationToken ct)
    {
        if (!selected.Tasks && !selected.Notes) return;
        var tasks = selected.Tasks ? request.UseCases.LoadGoalTasks.EnqueueAsync(request.Session, studentId, [goalId]) : null;
        var notes = selected.Notes ? request.UseCases.LoadGoalNotes.EnqueueAsync(request.Session, studentId, [goalId]) : null;
        await request.Session.FlushAsync(ct);
        if (tasks is not null) request.Preloaded.SetTasks(goalId, (await tasks).GetValueOrDefault(goalId) ?? []);
        if (notes is not null) request.Preloaded.SetNotes(goalId, (await notes).GetValueOrDefault(goalId) ?? []);
    }

    /// <summary>A goal created in this transaction has no children yet: nothing to read.</summary>
    public static void PreloadNoChildren(GoalsRequest request, Guid goalId, SelectedChildren selected)
    {
        if (selected.Tasks) request.Preloaded.SetTasks(goalId, []);
        if (selected.Notes) request.Preloaded.SetNotes(goalId, []);
    }
}
