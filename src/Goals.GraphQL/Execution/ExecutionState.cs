using System.Collections;
using System.Collections.Concurrent;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Introspection;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

/// <summary>An engine error whose message is safe to show (completion errors such as non-null violations).</summary>
internal sealed class CompletionException(string message) : Exception(message);

/// <summary>A response path segment (linked towards the root). Field contexts are path segments themselves.</summary>
internal class PathSegment(PathSegment? parent, object key)
{
    private static readonly object[] BoxedIndices = CreateBoxedIndices();

    private static object[] CreateBoxedIndices()
    {
        var boxes = new object[1024];
        for (var i = 0; i < boxes.Length; i++) boxes[i] = i;
        return boxes;
    }

    public static object BoxIndex(int i) => (uint)i < (uint)BoxedIndices.Length ? BoxedIndices[i] : i;

    public PathSegment? Parent { get; protected set; } = parent;
    public object Key { get; protected set; } = key;

    public object[] ToArray()
    {
        var depth = 0;
        for (var p = this; p is not null; p = p.Parent) depth++;
        var result = new object[depth];
        for (var p = this; p is not null; p = p.Parent) result[--depth] = p.Key;
        return result;
    }
}

/// <summary>A response object or list under construction, linked to its parent slot for null propagation.</summary>
internal sealed class ResultNode(ResultNode? parent, int indexInParent, bool nonNullInParent, object container)
{
    public ResultNode? Parent { get; } = parent;
    public int IndexInParent { get; } = indexInParent;
    public bool NonNullInParent { get; } = nonNullInParent;
    public object Container { get; } = container;

    /// <summary>Nulled by propagation: nothing below it is executed or reported any more.</summary>
    public bool Dead;

    public bool IsDeadChain()
    {
        for (var n = this; n is not null; n = n.Parent)
            if (n.Dead) return true;
        return false;
    }

    public void Set(int index, object? value)
    {
        if (Container is object?[] array) array[index] = value;
        else
        {
            var map = (ResultMap)Container;
            map[index] = new KeyValuePair<string, object?>(map[index].Key, value);
        }
    }
}

/// <summary>Auto-reset signal the executor awaits while resolvers are pending.</summary>
internal sealed class AsyncSignal
{
    private readonly object _lock = new();
    private bool _set;
    private TaskCompletionSource? _waiter;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null) _set = true;
        }

        waiter?.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_set)
            {
                _set = false;
                return Task.CompletedTask;
            }

            _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return cancellationToken.CanBeCanceled ? _waiter.Task.WaitAsync(cancellationToken) : _waiter.Task;
        }
    }
}

/// <summary>The resolver context of one field; also its response path segment, and the pending-work item when its
/// resolver completes asynchronously. Contexts of leaf fields whose resolver completed synchronously are reused for the
/// next leaf field (a resolver must not keep its context after returning a completed value).</summary>
internal sealed class FieldContext : PathSegment, IResolverContext
{
    public FieldContext(ExecutionState state, object? source, ObjectType parentType, CollectedField field, ResultNode node, int index,
        PathSegment? parentPath) : base(parentPath, field.ResponseKey)
    {
        State = state;
        Source = source;
        ParentType = parentType;
        Collected = field;
        Node = node;
        Index = index;
    }

    public void Reset(object? source, ObjectType parentType, CollectedField field, ResultNode node, int index, PathSegment? parentPath)
    {
        Parent = parentPath;
        Key = field.ResponseKey;
        Source = source;
        ParentType = parentType;
        Collected = field;
        Node = node;
        Index = index;
        Pending = default;
    }

    public ExecutionState State { get; }
    public object? Source { get; private set; }
    public ObjectType ParentType { get; private set; }
    public CollectedField Collected { get; private set; }
    public ResultNode Node { get; private set; }
    public int Index { get; private set; }
    public PathSegment PathSegment => this;
    public IReadOnlyDictionary<string, object?> Arguments { get; set; } = null!;
    public ValueTask<object?> Pending;

    public Schema Schema => State.Schema;
    public FieldDefinition Field => Collected.Definition;
    public FieldNode FieldNode => Collected.Node;
    public OperationDefinitionNode Operation => State.Operation;
    public IReadOnlyDictionary<string, object?> Variables => State.Variables;
    public IReadOnlyList<object> Path => ToArray();
    public IServiceProvider Services => State.Services;
    public object? UserContext => State.UserContext;
    public DataLoaderContext DataLoaders => State.DataLoaders;
    public CancellationToken CancellationToken => State.CancellationToken;

    public void OnCompleted() => State.EnqueueCompletion(this);
}

internal sealed class EmptyServiceProvider : IServiceProvider
{
    public static readonly EmptyServiceProvider Instance = new();
    public object? GetService(Type serviceType) => null;
}

/// <summary>
/// One execution of an operation (graphql-js ExecutionContext + execute). Engine work runs on one logical flow:
/// synchronously available values are completed depth-first at once (graphql-js order); resolvers that return an
/// incomplete ValueTask become pending work items whose completion is queued back to this flow. When no queued
/// completion is left, every data loader with queued keys is dispatched in one round (see <see cref="RunAsync"/>).
/// </summary>
internal sealed class ExecutionState
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();

    private readonly ConcurrentQueue<FieldContext> _completed = new();
    private FieldContext? _spareLeafContext;
    private readonly AsyncSignal _signal = new();
    private int _pending;

    public ExecutionState(Schema schema, DocumentPlan plan, OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?> variables, ExecutionRequest request, ExecutorOptions options,
        DataLoaderContext dataLoaders, CancellationToken cancellationToken)
    {
        Schema = schema;
        Plan = plan;
        Operation = operation;
        Variables = variables;
        Services = request.Services ?? EmptyServiceProvider.Instance;
        UserContext = request.UserContext;
        Options = options;
        DataLoaders = dataLoaders;
        CancellationToken = cancellationToken;
        dataLoaders.KeysQueued = _signal.Set;
    }

    public Schema Schema { get; }
    public DocumentPlan Plan { get; }
    public OperationDefinitionNode Operation { get; }
    public IReadOnlyDictionary<string, object?> Variables { get; }
    public IServiceProvider Services { get; }
    public object? UserContext { get; }
    public ExecutorOptions Options { get; }
    public DataLoaderContext DataLoaders { get; }
    public CancellationToken CancellationToken { get; }
    public List<GraphQLError> Errors { get; } = [];

    // ---- answer size (ExecutorOptions.MaxResultBytes), estimated as values are completed ----

    /// <summary>A string's quotes; a key's quotes, colon and comma; a list item's comma; brackets.</summary>
    private const int StringOverhead = 2, EntryOverhead = 4, ItemOverhead = 1, ContainerOverhead = 2;

    /// <summary>A number, boolean or null: JSON holds most in a few bytes.</summary>
    private const int OtherLeafBytes = 8;

    private long _resultBytes;

    /// <summary>The answer passed <see cref="ExecutorOptions.MaxResultBytes"/>: nothing more is resolved or completed.</summary>
    public bool ResultTooLarge { get; private set; }

    private void CountResult(long bytes)
    {
        _resultBytes += bytes;
        if (_resultBytes > Options.MaxResultBytes) ResultTooLarge = true;
    }

    private static long LeafBytes(object? value) => value is string text ? text.Length + StringOverhead : OtherLeafBytes;

    public void EnqueueCompletion(FieldContext context)
    {
        _completed.Enqueue(context);
        _signal.Set();
    }

    /// <summary>Runs until no resolver is pending: completes queued results, and dispatches data loaders in rounds
    /// whenever nothing else can progress synchronously.</summary>
    public async Task RunAsync()
    {
        try
        {
            while (true)
            {
                Drain();
                var loads = DataLoaders.HasPendingLoads;
                if (_pending == 0 && !loads) return;
                CancellationToken.ThrowIfCancellationRequested();
                if (loads)
                {
                    await DataLoaders.DispatchPendingAsync(CancellationToken).ConfigureAwait(false);
                    continue;
                }

                await _signal.WaitAsync(CancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            await SettleAfterCancellationAsync().ConfigureAwait(false);
            if (AbandonedResolvers > 0) throw new ExecutionAbandonedException(AbandonedResolvers, CancellationToken);
            throw;
        }
    }

    /// <summary>Resolvers still running after a cancellation once the grace period was over (0 when all finished).</summary>
    public int AbandonedResolvers { get; private set; }

    /// <summary>
    /// After cancellation: start nothing new, fail every queued data-loader key (so the resolvers awaiting them finish),
    /// and wait until every resolver already started has finished — they saw the token — for at most
    /// <see cref="ExecutorOptions.CancellationGracePeriod"/>. Only then may the caller release what those resolvers use.
    /// </summary>
    private async Task SettleAfterCancellationAsync()
    {
        var deadline = Task.Delay(Options.CancellationGracePeriod);
        while (true)
        {
            DataLoaders.CancelQueued(CancellationToken);
            while (_completed.TryDequeue(out var context))
            {
                _pending--;
                ObserveAndDiscard(context.Pending);
            }

            if (_pending == 0) return;
            var completed = _signal.WaitAsync(CancellationToken.None);
            if (await Task.WhenAny(completed, deadline).ConfigureAwait(false) == deadline)
            {
                AbandonedResolvers = _pending;
                return;
            }
        }
    }

    private static void ObserveAndDiscard(ValueTask<object?> pending)
    {
        try
        {
            pending.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The request was cancelled: the resolver's outcome goes nowhere.
        }
    }

    private void Drain()
    {
        while (_completed.TryDequeue(out var context))
        {
            _pending--;
            object? result;
            try
            {
                result = context.Pending.GetAwaiter().GetResult();
            }
            catch (Exception ex)
            {
                HandleFieldError(ex, context.Field.Type, context.Collected, context.Node, context.Index, context.PathSegment);
                continue;
            }

            if (context.Node.IsDeadChain()) continue;
            CompleteField(context, result);
        }
    }

    // ---- field collection (graphql-js collectFields) ----

    public CollectedField[] CollectRootFields(ObjectType rootType)
    {
        if (!Plan.Cacheable) return Collect(rootType, [Operation.SelectionSet]);
        if (Plan.RootFields.TryGetValue(Operation, out var cached)) return cached;
        var fields = Collect(rootType, [Operation.SelectionSet]);
        Plan.RootFields.TryAdd(Operation, fields);
        return fields;
    }

    private Dictionary<(CollectedField, ObjectType), CollectedField[]>? _requestSubFields;

    /// <summary>When @skip/@include depend on variables, sub-fields are collected once per request (not per object).</summary>
    public CollectedField[] CollectSubFieldsPerRequest(CollectedField field, ObjectType type)
    {
        _requestSubFields ??= new Dictionary<(CollectedField, ObjectType), CollectedField[]>();
        if (_requestSubFields.TryGetValue((field, type), out var fields)) return fields;
        fields = CollectSubFields(type, field.Nodes);
        _requestSubFields[(field, type)] = fields;
        return fields;
    }

    public CollectedField[] CollectSubFields(ObjectType type, FieldNode[] nodes)
    {
        var sets = new List<SelectionSetNode>(nodes.Length);
        foreach (var node in nodes)
            if (node.SelectionSet is not null) sets.Add(node.SelectionSet);
        return Collect(type, sets);
    }

    private CollectedField[] Collect(ObjectType type, List<SelectionSetNode> selectionSets)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in selectionSets) CollectImpl(type, set, order, groups, visited);
        var result = new List<CollectedField>(order.Count);
        foreach (var key in order)
        {
            var nodes = groups[key];
            var name = nodes[0].Name.Value;
            var definition = Schema.GetFieldDefinition(type, name);
            if (definition is null) continue;
            result.Add(new CollectedField(key, nodes.ToArray(), definition, ReferenceEquals(definition, IntrospectionTypes.TypeNameMetaField)));
        }

        return result.ToArray();
    }

    private void CollectImpl(ObjectType type, SelectionSetNode selectionSet, List<string> order,
        Dictionary<string, List<FieldNode>> groups, HashSet<string> visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                {
                    if (!ShouldInclude(field)) continue;
                    var key = field.ResponseKey;
                    if (!groups.TryGetValue(key, out var list))
                    {
                        groups[key] = list = [];
                        order.Add(key);
                    }

                    list.Add(field);
                    break;
                }
                case InlineFragmentNode inline:
                    if (!ShouldInclude(inline) || !FragmentConditionMatches(inline.TypeCondition, type)) continue;
                    CollectImpl(type, inline.SelectionSet, order, groups, visited);
                    break;
                case FragmentSpreadNode spread:
                {
                    var name = spread.Name.Value;
                    if (visited.Contains(name) || !ShouldInclude(spread)) continue;
                    visited.Add(name);
                    if (!Plan.Fragments.TryGetValue(name, out var fragment) || !FragmentConditionMatches(fragment.TypeCondition, type)) continue;
                    CollectImpl(type, fragment.SelectionSet, order, groups, visited);
                    break;
                }
            }
        }
    }

    private bool ShouldInclude(SelectionNode node)
    {
        foreach (var directive in node.Directives)
        {
            var name = directive.Name.Value;
            if (name == "skip")
            {
                var args = Values.GetArgumentValues(IntrospectionTypes.SkipDirective.Arguments, directive.Arguments, directive, Variables);
                if (args.TryGetValue("if", out var v) && v is true) return false;
            }
            else if (name == "include")
            {
                var args = Values.GetArgumentValues(IntrospectionTypes.IncludeDirective.Arguments, directive.Arguments, directive, Variables);
                if (args.TryGetValue("if", out var v) && v is false) return false;
            }
        }

        return true;
    }

    private bool FragmentConditionMatches(NamedTypeNode? condition, ObjectType type)
    {
        if (condition is null) return true;
        var conditional = Schema.GetType(condition.Name.Value);
        if (ReferenceEquals(conditional, type)) return true;
        return conditional is InterfaceType or UnionType && Schema.IsPossibleType(conditional, type);
    }

    // ---- execution (graphql-js executeFields / executeField / completeValue) ----

    public void ExecuteFields(ObjectType type, object? source, CollectedField[] fields, ResultNode node, PathSegment? path)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (node.Dead || ResultTooLarge) return;
            ExecuteField(type, source, fields[i], node, i, path);
        }
    }

    public void ExecuteField(ObjectType type, object? source, CollectedField field, ResultNode node, int index, PathSegment? parentPath)
    {
        if (ResultTooLarge) return;
        if (field.IsTypeName)
        {
            CountResult(LeafBytes(type.Name));
            node.Set(index, type.Name);
            return;
        }

        var definition = field.Definition;
        var leaf = field.IsLeaf;
        FieldContext context;
        if (leaf && _spareLeafContext is { } spare)
        {
            _spareLeafContext = null;
            spare.Reset(source, type, field, node, index, parentPath);
            context = spare;
        }
        else
        {
            context = new FieldContext(this, source, type, field, node, index, parentPath);
        }

        var path = context.PathSegment;
        try
        {
            context.Arguments = GetArguments(field);
        }
        catch (Exception ex)
        {
            HandleFieldError(ex, definition.Type, field, node, index, path);
            return;
        }

        ValueTask<object?> pending;
        try
        {
            pending = definition.Resolver!(context);
        }
        catch (Exception ex)
        {
            HandleFieldError(ex, definition.Type, field, node, index, path);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            CompleteField(context, pending.Result);
            // A leaf has no child paths pointing at this context and every error was recorded already: reuse it.
            if (leaf) _spareLeafContext = context;
            return;
        }

        context.Pending = pending;
        _pending++;
        pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(context.OnCompleted);
    }

    private IReadOnlyDictionary<string, object?> GetArguments(CollectedField field)
    {
        var definitions = field.Definition.Arguments;
        if (definitions.Count == 0) return NoArguments;
        if (field.ArgumentsUseVariables) return Values.GetArgumentValues(definitions, field.Node.Arguments, field.Node, Variables);
        return field.ConstantArguments ??= Values.GetArgumentValues(definitions, field.Node.Arguments, field.Node, null);
    }

    private void CompleteField(FieldContext context, object? result)
    {
        if (ResultTooLarge) return;
        try
        {
            CompleteValue(context, context.Field.Type, context.Node, context.Index, context.PathSegment, result, false);
        }
        catch (Exception ex)
        {
            HandleFieldError(ex, context.Field.Type, context.Collected, context.Node, context.Index, context.PathSegment);
        }
    }

    private void CompleteValue(FieldContext context, GraphQLType type, ResultNode node, int index, PathSegment path, object? result,
        bool nonNullSlot)
    {
        // graphql-js: a resolved value that is an Error is thrown (here: an Exception value, e.g. a per-key batch error).
        if (result is Exception resultError) throw resultError;

        if (type is NonNullType nonNull)
        {
            if (result is null)
                throw new CompletionException($"Cannot return null for non-nullable field {context.ParentType.Name}.{context.Field.Name}.");
            CompleteValue(context, nonNull.OfType, node, index, path, result, true);
            return;
        }

        if (result is null)
        {
            CountResult(OtherLeafBytes);
            node.Set(index, null);
            return;
        }

        switch (type)
        {
            case ScalarType scalar:
            {
                object? serialized;
                try
                {
                    serialized = scalar.Serialize(result);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CompletionException(ex.Message);
                }
                catch (GraphQLException ex)
                {
                    throw new CompletionException(ex.Message);
                }

                if (serialized is null)
                    throw new CompletionException(
                        $"Expected `{scalar.Name}.serialize({Types.Scalars.Inspect.Value(result)})` to return non-nullable value, returned: null");
                CountResult(LeafBytes(serialized));
                node.Set(index, serialized);
                return;
            }
            case EnumType enumType:
                try
                {
                    var name = enumType.Serialize(result);
                    CountResult(LeafBytes(name));
                    node.Set(index, name);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CompletionException(ex.Message);
                }

                return;
            case ListType list:
                CompleteList(context, list, node, index, path, result, nonNullSlot);
                return;
            case ObjectType objectType:
                if (result is Task) throw TaskAsValue(context);
                CompleteObject(context, objectType, node, index, path, result, nonNullSlot);
                return;
            default:
                if (result is Task) throw TaskAsValue(context);
                CompleteObject(context, ResolveRuntimeType(context, (NamedType)type, result), node, index, path, result, nonNullSlot);
                return;
        }
    }

    private void CompleteList(FieldContext context, ListType listType, ResultNode node, int index, PathSegment path, object result,
        bool nonNullSlot)
    {
        // Dictionaries are how objects are represented (as plain objects are in graphql-js), never lists.
        if (result is string or IDictionary or IEnumerable<KeyValuePair<string, object?>> || result is not IEnumerable enumerable)
            throw new CompletionException(
                $"Expected Iterable, but did not find one for field \"{context.ParentType.Name}.{context.Field.Name}\".");

        IList items;
        if (result is IList list) items = list;
        else
        {
            var copy = new List<object?>();
            foreach (var item in enumerable) copy.Add(item);
            items = copy;
        }

        CountResult(ContainerOverhead + (long)items.Count * ItemOverhead);
        if (ResultTooLarge) return;
        var output = new object?[items.Count];
        var listNode = new ResultNode(node, index, nonNullSlot, output);
        node.Set(index, output);
        var itemType = listType.OfType;
        if (itemType.Named is ScalarType or EnumType)
        {
            // Leaf items have no children: their path segment is only needed when one fails.
            for (var i = 0; i < output.Length; i++)
            {
                if (listNode.Dead || ResultTooLarge) return;
                try
                {
                    CompleteValue(context, itemType, listNode, i, path, items[i], false);
                }
                catch (Exception ex)
                {
                    HandleFieldError(ex, itemType, context.Collected, listNode, i, new PathSegment(path, PathSegment.BoxIndex(i)));
                }
            }

            return;
        }

        for (var i = 0; i < output.Length; i++)
        {
            if (listNode.Dead || ResultTooLarge) return;
            var itemPath = new PathSegment(path, PathSegment.BoxIndex(i));
            try
            {
                CompleteValue(context, itemType, listNode, i, itemPath, items[i], false);
            }
            catch (Exception ex)
            {
                HandleFieldError(ex, itemType, context.Collected, listNode, i, itemPath);
            }
        }
    }

    private void CompleteObject(FieldContext context, ObjectType type, ResultNode node, int index, PathSegment path, object result,
        bool nonNullSlot)
    {
        // Depth is normally capped by validation (MaxDepth); without it, fail the field instead of the process.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var fields = context.Collected.GetSubFields(this, type);
        long entryBytes = ContainerOverhead;
        foreach (var f in fields) entryBytes += f.ResponseKey.Length + EntryOverhead;
        CountResult(entryBytes);
        if (ResultTooLarge) return;
        var map = new ResultMap(fields.Length);
        foreach (var f in fields) map.Add(new KeyValuePair<string, object?>(f.ResponseKey, null));
        var child = new ResultNode(node, index, nonNullSlot, map);
        node.Set(index, map);
        ExecuteFields(type, result, fields, child, path);
    }

    private static CompletionException TaskAsValue(FieldContext context) =>
        new($"The resolver of {context.ParentType.Name}.{context.Field.Name} returned a Task as its value; bind it as an async resolver.");

    private ObjectType ResolveRuntimeType(FieldContext context, NamedType abstractType, object result)
    {
        var resolver = abstractType is InterfaceType iface ? iface.ResolveType : (abstractType as UnionType)?.ResolveType;
        var name = resolver?.Invoke(result, context);
        if (name is null)
            throw new CompletionException(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{context.ParentType.Name}.{context.Field.Name}\". " +
                $"Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.");
        var runtimeType = Schema.GetType(name);
        if (runtimeType is null)
            throw new CompletionException(
                $"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema.");
        if (runtimeType is not ObjectType objectType)
            throw new CompletionException($"Abstract type \"{abstractType.Name}\" was resolved to a non-object type \"{name}\".");
        if (!Schema.IsPossibleType(abstractType, objectType))
            throw new CompletionException($"Runtime Object type \"{name}\" is not a possible type for \"{abstractType.Name}\".");
        return objectType;
    }

    // ---- errors and null propagation ----

    private void HandleFieldError(Exception exception, GraphQLType slotType, CollectedField field, ResultNode node, int index, PathSegment path)
    {
        if (node.IsDeadChain()) return;
        Errors.Add(ToError(exception, field.Locations(), path.ToArray()));
        if (slotType is not NonNullType)
        {
            node.Set(index, null);
            return;
        }

        Propagate(node);
    }

    private static void Propagate(ResultNode node)
    {
        var n = node;
        while (true)
        {
            n.Dead = true;
            if (n.Parent is null) return;
            if (!n.NonNullInParent)
            {
                n.Parent.Set(n.IndexInParent, null);
                return;
            }

            n = n.Parent;
        }
    }

    public GraphQLError ToError(Exception exception, IReadOnlyList<ErrorLocation>? locations, IReadOnlyList<object>? path)
    {
        switch (exception)
        {
            case LocatedGraphQLException located:
                return new GraphQLError(located.Message, NodeLocations(located.Nodes) ?? locations, path,
                    Extensions(located.Code, located.Extensions), located);
            case GraphQLException graphQL:
                return new GraphQLError(graphQL.Message, locations, path, Extensions(graphQL.Code, graphQL.Extensions), graphQL);
            case CompletionException completion:
                return new GraphQLError(completion.Message, locations, path, Extensions(ErrorCodes.InternalServerError, null), completion);
            case Exception when MapException(exception) is { } mapped:
                return new GraphQLError(mapped.Message, locations, path, Extensions(mapped.Code, mapped.Extensions), exception);
            default:
            {
                var error = new GraphQLError("Unexpected error.", locations, path, Extensions(ErrorCodes.InternalServerError, null), exception);
                if (exception is OperationCanceledException && CancellationToken.IsCancellationRequested) return error;
                try
                {
                    Options.OnUnexpectedError?.Invoke(error, exception);
                }
                catch (Exception)
                {
                    // A failing logger must not fail the request.
                }

                return error;
            }
        }
    }

    private GraphQLException? MapException(Exception exception)
    {
        if (Options.MapException is not { } map) return null;
        try
        {
            return map(exception);
        }
        catch (Exception)
        {
            return null;
        }
    }

    internal static ErrorLocation[]? NodeLocations(IReadOnlyList<SyntaxNode> nodes)
    {
        if (nodes.Count == 0) return null;
        var result = new ErrorLocation[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) result[i] = new ErrorLocation(nodes[i].Location.Line, nodes[i].Location.Column);
        return result;
    }

    internal static Dictionary<string, object?> Extensions(string code, IReadOnlyDictionary<string, object?>? extra)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (extra is not null)
            foreach (var (key, value) in extra)
                if (key != "code") extensions[key] = value;
        return extensions;
    }
}
