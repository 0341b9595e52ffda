using System.Diagnostics;
using Goals.Api.Auth;
using Goals.Api.Configuration;
using Goals.Api.UseCases;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;

namespace Goals.Api.Http;

/// <summary>
/// GraphQL over HTTP (spec draft, watershed rules as audited by npm graphql-http), the transport steps in order:
/// POST application/json; GET with query parameters for queries only (mutations → 405, Allow: POST); the response
/// media type negotiated from Accept (<see cref="GraphQLContentNegotiation"/>; nothing acceptable → 406); malformed
/// requests 400, unsupported Content-Type 415, oversized 413 (body) / 414 (query string) (<see cref="GraphQLRequestReader"/>);
/// persisted queries (<see cref="PersistedQueries"/>); execution (<see cref="GraphQLExecutionStep"/>) on the request's
/// own <see cref="GoalsRequest"/>; the answer (<see cref="GraphQLResponseWriter"/>); what it cost
/// (<see cref="GraphQLRequestTelemetry"/>).
/// </summary>
public sealed class GraphQLHttpHandler(GraphQLExecutionStep execution, GraphQLOptions settings, GoalsRequestFactory requests,
    PersistedQueries persistedQueries, GraphQLRequestTelemetry telemetry)
{
    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var isGet = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await RejectAsync(http, StatusCodes.Status405MethodNotAllowed, GraphQLContentNegotiation.Json, "Use GET or POST for GraphQL requests.");
            return;
        }

        var mediaType = GraphQLContentNegotiation.Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await RejectAsync(http, StatusCodes.Status406NotAcceptable, GraphQLContentNegotiation.Json,
                $"The Accept header allows neither {GraphQLContentNegotiation.GraphQLResponseJson} nor {GraphQLContentNegotiation.Json}.");
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
        await using var goals = requests.Open(AuthSetup.GetStudentContext(http));
        var db = goals.Session;
        var operationName = parameters.OperationName ?? operation?.Name?.Value;
        ExecutionResult result;
        using (var activity = GraphQLRequestTelemetry.StartExecution(operationName, operation))
        {
            try
            {
                result = await execution.ExecuteAsync(document, parameters, goals, http);
            }
            catch (OperationCanceledException cancelled) when (http.RequestAborted.IsCancellationRequested)
            {
                telemetry.Cancelled(operationName, cancelled, started, db);
                throw;
            }

            GraphQLRequestTelemetry.EndExecution(activity, result, db);
        }

        var status = GraphQLResponseWriter.StatusOf(mediaType, result);
        await GraphQLResponseWriter.WriteResultAsync(http, status, mediaType, result);
        telemetry.Completed(http, operationName, operation, status, result, db, started);
    }

    private Task RejectAsync(HttpContext http, int status, string mediaType, string message, string code = ErrorCodes.BadRequest)
    {
        telemetry.Rejected(status, message);
        return GraphQLResponseWriter.WriteProblemAsync(http, status, mediaType, message, code);
    }
}
