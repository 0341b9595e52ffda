using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.2.3.1 Single Root Field: a subscription selects exactly one top-level field, not an introspection one.</summary>
internal sealed class SingleFieldSubscriptionsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        var op = (OperationDefinitionNode)node;
        if (op.Operation != OperationType.Subscription) return true;
        var subscriptionType = Context.Schema.SubscriptionType;
        if (subscriptionType is null) return true;
        var operationName = op.Name?.Value;
        var fields = new List<(string Key, List<FieldNode> Nodes)>();
        var index = new Dictionary<string, int>();
        CollectFields(subscriptionType, op.SelectionSet, fields, index, new HashSet<string>());
        if (fields.Count > 1)
        {
            var extra = new List<SyntaxNode>();
            for (var i = 1; i < fields.Count; i++) extra.AddRange(fields[i].Nodes);
            Context.ReportError(operationName is not null
                ? $"Subscription \"{operationName}\" must select only one top level field."
                : "Anonymous Subscription must select only one top level field.", extra);
        }

        foreach (var (_, nodes) in fields)
        {
            if (nodes[0].Name.Value.StartsWith("__", StringComparison.Ordinal))
            {
                Context.ReportError(operationName is not null
                    ? $"Subscription \"{operationName}\" must not select an introspection top level field."
                    : "Anonymous Subscription must not select an introspection top level field.", nodes);
            }
        }

        return true;
    }

    private void CollectFields(ObjectType runtimeType, SelectionSetNode set, List<(string, List<FieldNode>)> fields,
        Dictionary<string, int> index, HashSet<string> visitedFragments)
    {
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (!ShouldInclude(field.Directives)) continue;
                    var key = field.ResponseKey;
                    if (index.TryGetValue(key, out var i))
                    {
                        fields[i].Item2.Add(field);
                    }
                    else
                    {
                        index[key] = fields.Count;
                        fields.Add((key, [field]));
                    }

                    break;
                case InlineFragmentNode inline:
                    if (!ShouldInclude(inline.Directives) || !Matches(inline.TypeCondition, runtimeType)) continue;
                    CollectFields(runtimeType, inline.SelectionSet, fields, index, visitedFragments);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    if (visitedFragments.Contains(name) || !ShouldInclude(spread.Directives)) continue;
                    visitedFragments.Add(name);
                    var fragment = Context.GetFragment(name);
                    if (fragment is null || !Matches(fragment.TypeCondition, runtimeType)) continue;
                    CollectFields(runtimeType, fragment.SelectionSet, fields, index, visitedFragments);
                    break;
            }
        }
    }

    private bool Matches(NamedTypeNode? condition, ObjectType runtimeType)
    {
        if (condition is null) return true;
        var type = Context.Schema.GetType(condition.Name.Value);
        if (ReferenceEquals(type, runtimeType)) return true;
        return type is not null && type.IsAbstractType && Context.Schema.IsSubType(type, runtimeType);
    }

    /// <summary>@skip/@include with literal arguments; a variable (no values during validation) counts as not skipping.</summary>
    private static bool ShouldInclude(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var d in directives)
        {
            if (d.Name.Value is not ("skip" or "include")) continue;
            foreach (var arg in d.Arguments)
            {
                if (arg.Name.Value != "if" || arg.Value is not BooleanValueNode b) continue;
                if (d.Name.Value == "skip" && b.Value) return false;
                if (d.Name.Value == "include" && !b.Value) return false;
            }
        }

        return true;
    }
}
