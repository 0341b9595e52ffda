using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

public sealed class ExecutorOptions
{
    public bool EnableIntrospection { get; set; } = true;
    public int MaxDocumentLength { get; set; } = 100_000;
    public int MaxTokens { get; set; } = 10_000;

    /// <summary>Maximum selection depth; null disables the check.</summary>
    public int? MaxDepth { get; set; } = 15;

    /// <summary>Maximum complexity (each field costs 1, list fields multiply their subtree by ListSizeEstimate); null disables it.</summary>
    public int? MaxComplexity { get; set; } = 5_000;

    public int ListSizeEstimate { get; set; } = 10;
    public int DocumentCacheSize { get; set; } = 1_000;

    /// <summary>Called for every exception a resolver threw that is not a GraphQLException (the client only sees a safe message).</summary>
    public Action<GraphQLError, Exception>? OnUnexpectedError { get; set; }
}

/// <summary>The engine's entry point: prepare (parse + validate, cached) then execute. CONTRACT STUB.</summary>
public sealed partial class GraphQLExecutor
{
    public GraphQLExecutor(Schema schema, ExecutorOptions? options = null)
    {
        Schema = schema;
        Options = options ?? new ExecutorOptions();
    }

    public Schema Schema { get; }
    public ExecutorOptions Options { get; }

    /// <summary>Parses and validates the text once per distinct text (bounded cache keyed by its hash).</summary>
    public PreparedDocument Prepare(string query) => throw new NotImplementedException();

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Prepare + execute in one call (for tests and in-process callers).</summary>
    public async Task<ExecutionResult> ExecuteAsync(string query, IReadOnlyDictionary<string, object?>? variables = null,
        string? operationName = null, object? userContext = null, IServiceProvider? services = null,
        CancellationToken cancellationToken = default)
    {
        var document = Prepare(query);
        if (!document.IsValid) return ExecutionResult.FromErrors(document.Errors);
        return await ExecuteAsync(new ExecutionRequest
        {
            Document = document, OperationName = operationName, Variables = variables, UserContext = userContext, Services = services,
        }, cancellationToken);
    }
}
