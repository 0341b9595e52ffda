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

/// <summary>Per-document execution data computed once: fragments by name, whether @skip/@include depend on variables,
/// and the collected root fields per operation.</summary>
internal sealed class DocumentPlan
{
    public DocumentPlan(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
        {
            if (definition is FragmentDefinitionNode fragment) Fragments.TryAdd(fragment.Name.Value, fragment);
        }

        Cacheable = !ConditionsUseVariables(document);
    }

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = new(StringComparer.Ordinal);

    /// <summary>False when some @skip/@include takes a variable: field collection then depends on the request.</summary>
    public bool Cacheable { get; }

    public ConcurrentDictionary<OperationDefinitionNode, CollectedField[]> RootFields { get; } = new();

    private static bool ConditionsUseVariables(DocumentNode document)
    {
        foreach (var definition in document.Definitions)
            if (definition is ExecutableDefinitionNode executable && SelectionsUseVariables(executable.SelectionSet))
                return true;
        return false;
    }

    private static bool SelectionsUseVariables(SelectionSetNode? selectionSet)
    {
        if (selectionSet is null) return false;
        foreach (var selection in selectionSet.Selections)
        {
            foreach (var directive in selection.Directives)
            {
                if (directive.Name.Value is "skip" or "include" && Values.UsesVariables(directive.Arguments)) return true;
            }

            var inner = selection switch
            {
                FieldNode f => f.SelectionSet,
                InlineFragmentNode i => i.SelectionSet,
                _ => null,
            };
            if (SelectionsUseVariables(inner)) return true;
        }

        return false;
    }
}
