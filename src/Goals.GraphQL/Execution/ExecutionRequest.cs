namespace Goals.GraphQL.Execution;

public sealed class ExecutionRequest
{
    public required PreparedDocument Document { get; init; }
    public string? OperationName { get; init; }

    /// <summary>Raw variable values as read from JSON: null, bool, long, double, string,
    /// IReadOnlyList&lt;object?&gt;, IReadOnlyDictionary&lt;string, object?&gt;. See <see cref="JsonInput"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    public IServiceProvider? Services { get; init; }
    public object? UserContext { get; init; }
    public object? RootValue { get; init; }

    /// <summary>The request's data loaders (e.g. with <see cref="DataLoader.DataLoaderContext.AfterBatchesStarted"/> set by
    /// the host); a fresh context is created when null.</summary>
    public DataLoader.DataLoaderContext? DataLoaders { get; init; }
}
