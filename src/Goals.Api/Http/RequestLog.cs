namespace Goals.Api.Http;

/// <summary>The one structured line per GraphQL request, source-generated: the template is parsed once at build time and
/// no argument array is allocated; nothing is formatted when the level is off.</summary>
internal static partial class RequestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "GraphQL {OperationType} {OperationName} status {Status} in {DurationMs} ms: {ErrorCount} errors, {SqlStatements} SQL statements, {RoundTrips} round trips, {TransactionRetries} transaction retries, {ConnectionRetries} connection retries")]
    public static partial void Completed(ILogger logger, string operationType, string operationName, int status, double durationMs,
        int errorCount, int sqlStatements, int roundTrips, int transactionRetries, int connectionRetries);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "GraphQL {OperationName} cancelled after {DurationMs} ms (client gone or deadline): {RoundTrips} round trips")]
    public static partial void Cancelled(ILogger logger, string operationName, double durationMs, int roundTrips);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "GraphQL {OperationName} cancelled after {DurationMs} ms; {RunningResolvers} resolvers ignored the cancellation, their connection is closed when they end")]
    public static partial void Abandoned(ILogger logger, string operationName, double durationMs, int runningResolvers);
}
