namespace Goals.Data.Repositories;

public sealed record NewGoal(string GoalType, string Title, string Information = "", DateTime? DueAt = null, string? Color = null);

/// <summary>Partial update of a goal: only the fields that are set change.</summary>
public sealed record GoalUpdate
{
    public Optional<string> GoalType { get; init; }
    public Optional<string> Title { get; init; }
    public Optional<string> Information { get; init; }
    public Optional<bool> Complete { get; init; }
    public Optional<DateTime?> DueAt { get; init; }
    public Optional<string?> Color { get; init; }
}

public enum GoalSort
{
    /// <summary>Newest first: created_at DESC, id DESC.</summary>
    CreatedAtDescending,

    /// <summary>Soonest due first, goals without a due date last: due_at ASC NULLS LAST, id ASC.</summary>
    DueAtAscending,
}

/// <summary>A page request of a student's goals (keyset pagination).</summary>
public sealed record GoalListQuery
{
    public string? GoalType { get; init; }
    public bool? Complete { get; init; }
    public GoalSort Sort { get; init; } = GoalSort.CreatedAtDescending;
    /// <summary>The <see cref="GoalPage.EndCursor"/> of the previous page; null for the first page.</summary>
    public string? After { get; init; }
    public int First { get; init; } = 20;
}

/// <summary>One page of goals; <see cref="TotalCount"/> counts every goal the filter matches, on all pages.</summary>
public sealed record GoalPage(IReadOnlyList<GoalRow> Items, string? EndCursor, bool HasNextPage, int TotalCount);
