using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

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
