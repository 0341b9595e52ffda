using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Validation;

namespace Goals.GraphQL.Execution;

/// <summary>The engine's entry point: prepare (parse + validate, cached) then execute. Disposing it drops the document cache.</summary>
public sealed partial class GraphQLExecutor : IDisposable
{
    private readonly DocumentCache _cache;
    private readonly ParserOptions _parserOptions;
    private readonly ValidationOptions _validationOptions;

    public GraphQLExecutor(Schema schema, ExecutorOptions? options = null)
    {
        Schema = schema;
        Options = options ?? new ExecutorOptions();
        _cache = new DocumentCache(Math.Max(1, Options.DocumentCacheBytes));
        _parserOptions = new ParserOptions { MaxDocumentLength = Options.MaxDocumentLength, MaxTokens = Options.MaxTokens };
        _validationOptions = new ValidationOptions
        {
            MaxDepth = Options.MaxDepth,
            MaxComplexity = Options.MaxComplexity,
            ListSizeEstimate = Options.ListSizeEstimate,
            AllowIntrospection = Options.EnableIntrospection,
            HideSuggestions = !Options.EnableIntrospection, // "Did you mean" would tell the names introspection hides
        };
    }

    public Schema Schema { get; }
    public ExecutorOptions Options { get; }

    public void Dispose() => _cache.Dispose();

    /// <summary>Number of documents currently cached (diagnostics and tests).</summary>
    public int CachedDocumentCount => _cache.Count;

    /// <summary>The cached documents' estimated size; at most <see cref="ExecutorOptions.DocumentCacheBytes"/>.</summary>
    public long CachedDocumentBytes => _cache.EstimatedBytes;

    /// <summary>
    /// Parses and validates the text once per distinct text. The cache is keyed by the text itself (exact, no collision
    /// risk, and hashing a string is as cheap as any digest) and bounded by <see cref="ExecutorOptions.DocumentCacheBytes"/>,
    /// each entry weighed by its text and what preparing it allocated. Documents with errors are not kept: a client
    /// correcting its query sends a new text, and a flood of broken documents must not displace the good ones.
    /// </summary>
    public PreparedDocument Prepare(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (_cache.TryGet(query, out var cached)) return cached;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var prepared = PrepareUncached(query);
        if (prepared.IsValid) _cache.Add(query, prepared, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        return prepared;
    }

    private PreparedDocument PrepareUncached(string query)
    {
        DocumentNode document;
        try
        {
            document = Parser.Parse(query, _parserOptions);
        }
        catch (GraphQLSyntaxException ex)
        {
            return new PreparedDocument(null,
            [
                new GraphQLError(ex.Message, [new ErrorLocation(ex.Line, ex.Column)],
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ParseFailed }, originalException: ex),
            ]);
        }

        var variableCostOperations = new HashSet<OperationDefinitionNode>();
        var errors = DocumentValidator.Validate(Schema, document, _validationOptions, variableCostOperations);
        return new PreparedDocument(document, errors) { VariableCostOperations = variableCostOperations };
    }

    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Resolver continuations must not be marshalled to a UI/test synchronization context: the executor relies on
        // data-loader continuations running inline so a whole level advances before the next dispatch round.
        if (SynchronizationContext.Current is not null || TaskScheduler.Current != TaskScheduler.Default)
            return Task.Run(() => ExecuteCoreAsync(request, cancellationToken), cancellationToken);
        return ExecuteCoreAsync(request, cancellationToken);
    }

    private async Task<ExecutionResult> ExecuteCoreAsync(ExecutionRequest request, CancellationToken cancellationToken)
    {
        var prepared = request.Document;
        if (!prepared.IsValid) return ExecutionResult.FromErrors(prepared.Errors);
        cancellationToken.ThrowIfCancellationRequested();

        var operation = SelectOperation(prepared.Document!, request.OperationName, out var operationError);
        if (operation is null) return ExecutionResult.FromErrors([operationError!]);

        if (operation.Operation == OperationType.Subscription)
        {
            return ExecutionResult.FromErrors(
            [
                GraphQLError.At("Subscriptions are not supported by this server.", ErrorCodes.SubscriptionsNotSupported, operation),
            ]);
        }

        var rootType = Schema.GetRootType(operation.Operation);
        if (rootType is null)
        {
            return ExecutionResult.FromErrors(
            [
                GraphQLError.At($"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.",
                    ErrorCodes.OperationNotFound, operation),
            ]);
        }

        var variableErrors = new List<GraphQLError>();
        var variables = Values.CoerceVariableValues(Schema, operation.VariableDefinitions, request.Variables, variableErrors,
            hideSuggestions: _validationOptions.HideSuggestions);
        if (variables is null) return ExecutionResult.FromErrors(variableErrors);
        if (CheckVariableCost(prepared, operation, variables) is { } tooComplex) return ExecutionResult.FromErrors([tooComplex]);

        var state = new ExecutionState(Schema, prepared.Plan, operation, variables, request, Options,
            request.DataLoaders ?? new DataLoaderContext(), cancellationToken);

        CollectedField[] fields;
        try
        {
            fields = state.CollectRootFields(rootType);
        }
        catch (Exception ex)
        {
            state.Errors.Add(state.ToError(ex, null, null));
            return new ExecutionResult(null, true, state.Errors);
        }

        var data = new ResultMap(fields.Length);
        foreach (var field in fields) data.Add(new KeyValuePair<string, object?>(field.ResponseKey, null));
        var root = new ResultNode(null, 0, true, data);

        if (operation.Operation == OperationType.Mutation)
        {
            // Spec ExecuteSelectionSet serially: each root field (and its whole subtree) completes before the next starts.
            for (var i = 0; i < fields.Length && !root.Dead; i++)
            {
                state.ExecuteField(rootType, request.RootValue, fields[i], root, i, null);
                await state.RunAsync().ConfigureAwait(false);
            }
        }
        else
        {
            state.ExecuteFields(rootType, request.RootValue, fields, root, null);
            await state.RunAsync().ConfigureAwait(false);
        }

        // A cancelled request has no meaningful result (resolvers saw the token and failed): report the cancellation.
        cancellationToken.ThrowIfCancellationRequested();
        if (state.ResultTooLarge) return ResultTooLarge(operation);
        return new ExecutionResult(root.Dead ? null : data, true, state.Errors);
    }

    /// <summary>Spec GetOperation with graphql-js messages.</summary>
    internal static OperationDefinitionNode? SelectOperation(DocumentNode document, string? operationName, out GraphQLError? error)
    {
        error = null;
        OperationDefinitionNode? found = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not OperationDefinitionNode operation) continue;
            if (operationName is null)
            {
                if (found is not null)
                {
                    error = new GraphQLError("Must provide operation name if query contains multiple operations.",
                        extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.OperationNotFound });
                    return null;
                }

                found = operation;
            }
            else if (operation.Name?.Value == operationName)
            {
                return operation;
            }
        }

        if (found is null)
        {
            error = new GraphQLError(operationName is null ? "Must provide an operation." : $"Unknown operation named \"{operationName}\".",
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.OperationNotFound });
        }

        return found;
    }

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
