using System.Diagnostics;
using Goals.Data.Sessions;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;

namespace Goals.Api.Http;

/// <summary>
/// What one GraphQL request reports about itself: the <c>graphql.execute</c> span and its tags, the one log line
/// (<see cref="RequestLog"/>), the optional <see cref="IGraphQLRequestObserver"/>, and what a cancelled request cut short.
/// </summary>
public sealed class GraphQLRequestTelemetry(ILogger<GraphQLHttpHandler> logger)
{
    public static Activity? StartExecution(string? operationName, OperationDefinitionNode? operation)
    {
        var activity = Telemetry.Source.StartActivity("graphql.execute");
        activity?.SetTag("graphql.operation.name", operationName);
        activity?.SetTag("graphql.operation.type", operation?.Operation.ToString().ToLowerInvariant());
        return activity;
    }

    public static void EndExecution(Activity? activity, ExecutionResult result, DbSession db)
    {
        activity?.SetTag("graphql.errors", result.Errors.Count);
        activity?.SetTag("db.round_trips", db.RoundTrips);
    }

    /// <summary>The request's line and the observer's stats, once the answer is written.</summary>
    public void Completed(HttpContext http, string? operationName, OperationDefinitionNode? operation, int status, ExecutionResult result,
        DbSession db, long started)
    {
        var stats = new GraphQLRequestStats(operationName, operation?.Operation.ToString().ToLowerInvariant() ?? "invalid", status,
            result.Errors.Count, db.StatementCount, db.RoundTrips, db.TransactionRetries, Stopwatch.GetElapsedTime(started));
        RequestLog.Completed(logger, stats.OperationType, stats.OperationName ?? "(anonymous)", status, Math.Round(stats.Duration.TotalMilliseconds, 1),
            stats.ErrorCount, stats.SqlStatements, stats.RoundTrips, stats.TransactionRetries, db.ConnectionRetries);
        http.RequestServices.GetService<IGraphQLRequestObserver>()?.OnRequest(stats);
    }

    /// <summary>The client went away or the deadline passed: nobody reads an answer; say what was cut short.</summary>
    public void Cancelled(string? operationName, OperationCanceledException cancelled, long started, DbSession db)
    {
        var durationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        if (cancelled is ExecutionAbandonedException abandoned)
        {
            RequestLog.Abandoned(logger, operationName ?? "(anonymous)", durationMs, abandoned.RunningResolvers);
            return;
        }

        RequestLog.Cancelled(logger, operationName ?? "(anonymous)", durationMs, db.RoundTrips);
    }

    /// <summary>A request refused before execution (method, media type, size, malformed, persisted-query problem).</summary>
    public void Rejected(int status, string reason) =>
        logger.LogInformation("GraphQL request rejected with status {Status}: {Reason}", status, reason);
}
