using Goals.Data.Repositories;

namespace Goals.Api.Data;

public enum GoalOrder { CreatedAt, DueAt }

public sealed record GoalPageQuery(int First, string? After, string? GoalType, bool? Complete, GoalOrder Order);

/// <summary>A goalsConnection page: edges with their own cursors (Relay needs one per edge) and the filter's total.</summary>
public sealed record GoalConnectionPage(IReadOnlyList<(GoalRow Goal, string Cursor)> Edges, bool HasNextPage, int TotalCount);

/// <summary>A user-facing data error (unknown cursor etc.), mapped to a GraphQL error by the schema layer.</summary>
public sealed class InvalidCursorException(string message) : Exception(message);
