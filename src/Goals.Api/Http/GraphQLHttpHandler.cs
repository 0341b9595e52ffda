using System.Diagnostics;
using System.Text.Json;
using Goals.Api.Auth;
using Goals.Api.Configuration;
using Goals.Api.Data;
using Goals.Api.Hosting;
using Goals.Api.Schema;
using Goals.Data.Sessions;
using Goals.GraphQL;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Goals.Api.Http;

/// <summary>
/// GraphQL over HTTP (spec draft, watershed rules as audited by npm graphql-http):
/// POST application/json; GET with query parameters for queries only (mutations → 405, Allow: POST);
/// response media type negotiated from Accept (application/graphql-response+json or application/json;
/// absent Accept or */* → application/json; nothing acceptable → 406). Status: malformed requests 400 (see
/// <see cref="GraphQLRequestReader"/>), unsupported Content-Type 415, oversized 413 (body) / 414 (query string); with
/// application/graphql-response+json a request error (parse, validation, variable coercion: no data) is 400, otherwise
/// 200; with application/json every well-formed GraphQL request is 200. The result is written with a Utf8JsonWriter straight into the
/// response PipeWriter.
/// </summary>
public sealed class GraphQLHttpHandler(GraphQLExecutor executor, GraphQLOptions settings, GoalsStoreFactory storeFactory,
    PersistedQueries persistedQueries, ILogger<GraphQLHttpHandler> logger)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var isGet = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await RejectAsync(http, StatusCodes.Status405MethodNotAllowed, Json, "Use GET or POST for GraphQL requests.");
            return;
        }

        var mediaType = Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await RejectAsync(http, StatusCodes.Status406NotAcceptable, Json,
                $"The Accept header allows neither {GraphQLResponseJson} nor {Json}.");
            return;
        }

        GraphQLParams parameters;
        try
        {
            parameters = isGet
                ? GraphQLRequestReader.ReadGet(request, settings.MaxRequestBytes)
                : await GraphQLRequestReader.ReadPostAsync(request, settings.MaxRequestBytes, http.RequestAborted);
        }
        catch (GraphQLRequestProblem problem)
        {
            await RejectAsync(http, problem.Status, mediaType, problem.Message);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var prepared = persistedQueries.Prepare(parameters.Query, parameters.PersistedQuery);
        if (prepared.Problem is { } refused)
        {
            if (refused.CacheControl is not null) http.Response.Headers.CacheControl = refused.CacheControl;
            await RejectAsync(http, refused.Status, mediaType, refused.Message, refused.Code);
            return;
        }

        var document = prepared.Document!;

        var operation = document.IsValid ? document.GetOperation(parameters.OperationName) : null;
        if (isGet && operation is { Operation: OperationType.Mutation })
        {
            http.Response.Headers.Allow = "POST";
            await RejectAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, "Mutations must be sent with POST.");
            return;
        }

        if (isGet) GetResponseCaching.Apply(http);

        // This request owns its data session and DataLoaders: they end only after the executor has finished (or, when
        // cancelled, settled) every resolver it started, so no command can still be running on the connection.
        await using var store = storeFactory.Open();
        var db = store.Session;
        var student = AuthSetup.GetStudentContext(http);
        var operationName = parameters.OperationName ?? operation?.Name?.Value;
        ExecutionResult result;
        using (var activity = Telemetry.Source.StartActivity("graphql.execute"))
        {
            activity?.SetTag("graphql.operation.name", operationName);
            activity?.SetTag("graphql.operation.type", operation?.Operation.ToString().ToLowerInvariant());
            try
            {
                result = document.IsValid
                    ? await executor.ExecuteAsync(new ExecutionRequest
                    {
                        Document = document,
                        OperationName = parameters.OperationName,
                        Variables = parameters.Variables,
                        Services = http.RequestServices,
                        UserContext = new GoalsRequestContext(student, store),
                        DataLoaders = new DataLoaderContext(),
                    }, http.RequestAborted)
                    : ExecutionResult.FromErrors(document.Errors);
            }
            catch (OperationCanceledException cancelled) when (http.RequestAborted.IsCancellationRequested)
            {
                LogCancelled(operationName, cancelled, started, db);
                throw;
            }
            activity?.SetTag("graphql.errors", result.Errors.Count);
            activity?.SetTag("db.round_trips", db.RoundTrips);
        }

        var status = mediaType == GraphQLResponseJson && !result.HasData ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteResultAsync(http, status, mediaType, result);

        var stats = new GraphQLRequestStats(operationName, operation?.Operation.ToString().ToLowerInvariant() ?? "invalid", status,
            result.Errors.Count, db.StatementCount, db.RoundTrips, db.TransactionRetries, Stopwatch.GetElapsedTime(started));
        RequestLog.Completed(logger, stats.OperationType, stats.OperationName ?? "(anonymous)", status, Math.Round(stats.Duration.TotalMilliseconds, 1),
            stats.ErrorCount, stats.SqlStatements, stats.RoundTrips, stats.TransactionRetries, db.ConnectionRetries);
        http.RequestServices.GetService<IGraphQLRequestObserver>()?.OnRequest(stats);
    }

    /// <summary>The client went away or the deadline passed: nobody reads an answer; say what was cut short.</summary>
    private void LogCancelled(string? operationName, OperationCanceledException cancelled, long started, DbSession db)
    {
        var durationMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        if (cancelled is ExecutionAbandonedException abandoned)
        {
            RequestLog.Abandoned(logger, operationName ?? "(anonymous)", durationMs, abandoned.RunningResolvers);
            return;
        }

        RequestLog.Cancelled(logger, operationName ?? "(anonymous)", durationMs, db.RoundTrips);
    }

    /// <summary>The response media type for an Accept header, or null for 406.</summary>
    public static string? Negotiate(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || accept.All(string.IsNullOrWhiteSpace)) return Json;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return Json;

        string? best = null;
        double bestQ = 0;
        var bestSpecificity = -1;
        foreach (var candidate in (string[])[GraphQLResponseJson, Json])
        {
            var (q, specificity) = Quality(ranges, candidate);
            if (q <= 0) continue;
            // Equal quality: an explicitly named type wins over a wildcard; between two wildcard matches
            // (e.g. */*) application/json is the spec's default; between two explicit ones graphql-response+json.
            if (best is null || q > bestQ || (q == bestQ && (specificity > bestSpecificity || (specificity == bestSpecificity && specificity < 2))))
            {
                best = candidate;
                bestQ = q;
                bestSpecificity = specificity;
            }
        }

        return best;
    }

    /// <summary>True for a browser navigation: text/html named explicitly and preferred at least as much as JSON.</summary>
    public static bool PrefersHtml(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var ranges)) return false;
        var (html, specificity) = Quality(ranges, "text/html");
        if (html <= 0 || specificity < 2) return false;
        var (json, _) = Quality(ranges, Json);
        var (gql, _) = Quality(ranges, GraphQLResponseJson);
        return html >= Math.Max(json, gql);
    }

    private static (double Q, int Specificity) Quality(IList<MediaTypeHeaderValue> ranges, string mediaType)
    {
        var slash = mediaType.IndexOf('/');
        var type = mediaType[..slash];
        double q = 0;
        var specificity = -1;
        foreach (var range in ranges)
        {
            var value = range.MediaType.Value ?? "";
            int s;
            if (value.Equals(mediaType, StringComparison.OrdinalIgnoreCase)) s = 2;
            else if (value.Equals(type + "/*", StringComparison.OrdinalIgnoreCase)) s = 1;
            else if (value == "*/*") s = 0;
            else continue;
            if (s > specificity)
            {
                specificity = s;
                q = range.Quality ?? 1.0;
            }
        }

        return (q, specificity);
    }

    private static async Task WriteResultAsync(HttpContext http, int status, string mediaType, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            result.WriteTo(writer);
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    private Task RejectAsync(HttpContext http, int status, string mediaType, string message, string code = ErrorCodes.BadRequest)
    {
        logger.LogInformation("GraphQL request rejected with status {Status}: {Reason}", status, message);
        return WriteProblemAsync(http, status, mediaType, message, code);
    }

    /// <summary>A GraphQL-shaped error body (no "data") for requests that never reached execution; written by hand so it
    /// works even when the engine itself is what failed.</summary>
    public static async Task WriteProblemAsync(HttpContext http, int status, string mediaType, string message, string code = ErrorCodes.BadRequest)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("errors");
            writer.WriteStartObject();
            writer.WriteString("message", message);
            writer.WriteStartObject("extensions");
            writer.WriteString("code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
