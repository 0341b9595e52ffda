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

    /// <summary>
    /// How long a cancelled execution waits for the resolvers it already started to finish (they see the token) before
    /// it returns anyway; <see cref="ExecutionAbandonedException"/> then reports how many were still running.
    /// </summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Bound of the prepared-document cache, in estimated bytes (text, syntax tree, plan).</summary>
    public long DocumentCacheBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Largest answer, in bytes estimated while values are completed (strings by length, other values and entries by a
    /// small constant); past it execution stops and the request answers RESPONSE_TOO_LARGE. Null: unbounded.
    /// </summary>
    public long? MaxResultBytes { get; set; }

    /// <summary>Appended to the RESPONSE_TOO_LARGE message: how to ask for less in this API.</summary>
    public string? ResultTooLargeHint { get; set; }

    /// <summary>
    /// Turns an exception a resolver threw that is not a GraphQLException into one the client may see (e.g. a database
    /// outage into SERVICE_UNAVAILABLE); null leaves it an unexpected error.
    /// </summary>
    public Func<Exception, GraphQLException?>? MapException { get; set; }

    /// <summary>Called for every exception a resolver threw that is not a GraphQLException (the client only sees a safe message).</summary>
    public Action<GraphQLError, Exception>? OnUnexpectedError { get; set; }
}
