using Goals.Data;
using Goals.Data.Transactions;
using Goals.GraphQL;

namespace Goals.Api.Schema;

/// <summary>
/// The one place where data-layer exceptions become errors a client can act on (the executor's MapException):
/// conflicts that kept recurring, an outcome that is really unknown, and a database that could not answer.
/// </summary>
public static class DataErrors
{
    public static GraphQLException? Map(Exception exception) => exception switch
    {
        TransactionRetryLimitExceededException => new GraphQLException(
            "The change conflicted with concurrent changes too often; retry it.", ErrorCodes.Conflict, Retryable),
        TransactionResultAmbiguousException => new GraphQLException(
            "The connection to the database was lost while the change was being committed, so it may or may not have been saved. " +
            "Retrying with the same idempotencyKey is safe: it returns the saved result or saves it once.",
            ErrorCodes.ResultUnknown, Retryable),
        _ when DatabaseFailures.IsUnavailable(exception) => new GraphQLException(
            "The database is unavailable right now and nothing was changed; retry shortly.", ErrorCodes.ServiceUnavailable, Retryable),
        _ => null,
    };

    private static readonly IReadOnlyDictionary<string, object?> Retryable = new Dictionary<string, object?> { ["retryable"] = true };
}
