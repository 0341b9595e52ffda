using Goals.Api.UseCases;
using Goals.GraphQL.Execution;

namespace Goals.Api.Http;

/// <summary>Runs a prepared document for one request: its variables, the request's services, and the
/// <see cref="GoalsRequest"/> as UserContext with its DataLoaders. An invalid document answers with its errors.</summary>
public sealed class GraphQLExecutionStep(GraphQLExecutor executor)
{
    /// <summary>Not an async method: the executor's task is handed on, no extra state machine per request.</summary>
    internal ValueTask<ExecutionResult> ExecuteAsync(PreparedDocument document, GraphQLParams parameters, GoalsRequest request, HttpContext http) =>
        document.IsValid
            ? new(executor.ExecuteAsync(new ExecutionRequest
            {
                Document = document,
                OperationName = parameters.OperationName,
                Variables = parameters.Variables,
                Services = http.RequestServices,
                UserContext = request,
                DataLoaders = request.DataLoaders,
            }, http.RequestAborted))
            : new(ExecutionResult.FromErrors(document.Errors));
}
