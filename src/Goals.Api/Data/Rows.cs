namespace Goals.Api.Data;

/// <summary>A goals row as the resolvers see it. GoalType holds the GraphQL enum value name (the stored text).</summary>
public sealed record GoalRow(Guid Id, Guid StudentId, string GoalType, string Title, string Information, bool Complete,
    DateTimeOffset? DueAt, string? Color, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record TaskRow(Guid Id, Guid GoalId, string Information, bool Complete, int Position,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record NoteRow(Guid Id, Guid GoalId, string Information, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public enum GoalOrder { CreatedAt, DueAt }

public sealed record GoalPageQuery(int First, string? After, string? GoalType, bool? Complete, GoalOrder Order);

public sealed record GoalPage(IReadOnlyList<(GoalRow Goal, string Cursor)> Edges, bool HasNextPage, int TotalCount);

/// <summary>A user-facing data error (unknown cursor etc.), mapped to a GraphQL error by the schema layer.</summary>
public sealed class InvalidCursorException(string message) : Exception(message);
