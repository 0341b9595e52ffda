using Goals.Data.Repositories;

namespace Goals.Api.UseCases.Goals;

/// <summary>A goalsConnection page: edges with their own cursors (Relay needs one per edge) and the filter's total.</summary>
public sealed record GoalConnectionPage(IReadOnlyList<(GoalRow Goal, string Cursor)> Edges, bool HasNextPage, int TotalCount);
