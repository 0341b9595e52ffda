using Goals.GraphQL.Introspection;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Execution;

internal sealed partial class ExecutionState
{
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
}
