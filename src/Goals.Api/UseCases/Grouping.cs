namespace Goals.Api.UseCases;

internal static class Grouping
{
    /// <summary>Rows by their goal id, in the order read.</summary>
    public static Dictionary<Guid, IReadOnlyList<T>> ByGoal<T>(IReadOnlyList<T> rows, Func<T, Guid> goalId)
    {
        var result = new Dictionary<Guid, IReadOnlyList<T>>();
        foreach (var group in rows.GroupBy(goalId)) result[group.Key] = group.ToList();
        return result;
    }
}
