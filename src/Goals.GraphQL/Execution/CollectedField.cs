using System.Collections.Concurrent;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

/// <summary>One response key of a selection set on a concrete object type: the merged field nodes and the field definition.
/// Cached on the prepared document (shared across requests, thread-safe).</summary>
internal sealed class CollectedField(string responseKey, FieldNode[] nodes, FieldDefinition definition, bool isTypeName)
{
    public string ResponseKey { get; } = responseKey;
    public FieldNode[] Nodes { get; } = nodes;
    public FieldNode Node => Nodes[0];
    public FieldDefinition Definition { get; } = definition;
    public bool IsTypeName { get; } = isTypeName;
    public bool ArgumentsUseVariables { get; } = Values.UsesVariables(nodes[0].Arguments);

    /// <summary>Scalar or enum (possibly wrapped): no sub-selection, so its context can be reused once it completed.</summary>
    public bool IsLeaf { get; } = definition.Type.Named is ScalarType or EnumType;

    /// <summary>Arguments coerced once when they use no variables.</summary>
    public IReadOnlyDictionary<string, object?>? ConstantArguments;

    private ConcurrentDictionary<ObjectType, CollectedField[]>? _subFields;

    public CollectedField[] GetSubFields(ExecutionState state, ObjectType type)
    {
        if (!state.Plan.Cacheable) return state.CollectSubFieldsPerRequest(this, type);
        var cache = _subFields ?? Interlocked.CompareExchange(ref _subFields, new(), null) ?? _subFields;
        if (cache.TryGetValue(type, out var fields)) return fields;
        fields = state.CollectSubFields(type, Nodes);
        cache.TryAdd(type, fields);
        return fields;
    }

    public ErrorLocation[] Locations()
    {
        var result = new ErrorLocation[Nodes.Length];
        for (var i = 0; i < Nodes.Length; i++) result[i] = new ErrorLocation(Nodes[i].Location.Line, Nodes[i].Location.Column);
        return result;
    }
}
