namespace Goals.Api.Http;

/// <summary>What one GraphQL request cost; logged per request and handed to an optional <see cref="IGraphQLRequestObserver"/>.</summary>
public sealed record GraphQLRequestStats(string? OperationName, string OperationType, int Status, int ErrorCount,
    int SqlStatements, int RoundTrips, int TransactionRetries, TimeSpan Duration);

/// <summary>Optional DI service notified after each GraphQL request (tests use it to count round trips; metrics could too).</summary>
public interface IGraphQLRequestObserver
{
    void OnRequest(GraphQLRequestStats stats);
}
