using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Not a spec section: graphql-js's MaxIntrospectionDepthRule (16.9+), which refuses introspection nesting list fields three deep.</summary>
internal sealed class MaxIntrospectionDepthRule(ValidationContext context) : ValidationRule(context)
{
    private const int MaxListsDepth = 3;
    private Dictionary<string, int>? _checked;
    private Dictionary<string, int>? _exceeded;
    public override NodeKinds EnterKinds => NodeKinds.Field;

    public override bool Enter(SyntaxNode node)
    {
        var field = (FieldNode)node;
        if (field.Name.Value is not ("__schema" or "__type")) return true;
        if (CheckDepth(field, new Dictionary<string, int>(), 0))
        {
            Context.ReportError("Maximum introspection depth exceeded", field);
            return false;
        }

        return true;
    }

    private bool CheckDepth(SelectionNode node, Dictionary<string, int> visited, int depth)
    {
        if (node is FragmentSpreadNode spread)
        {
            var name = spread.Name.Value;
            _checked ??= new Dictionary<string, int>();
            _exceeded ??= new Dictionary<string, int>();
            if (_exceeded.TryGetValue(name, out var exceededDepth) && exceededDepth <= depth) return true;
            if ((visited.TryGetValue(name, out var v) && v >= depth) || (_checked.TryGetValue(name, out var c) && c >= depth)) return false;
            var fragment = Context.GetFragment(name);
            if (fragment is null) return false;
            visited[name] = depth;
            if (CheckSelections(fragment.SelectionSet, visited, depth))
            {
                _exceeded[name] = depth;
                return true;
            }

            _checked[name] = depth;
            return false;
        }

        if (node is FieldNode field)
        {
            if (field.Name.Value is "fields" or "interfaces" or "possibleTypes" or "inputFields")
            {
                depth++;
                if (depth >= MaxListsDepth) return true;
            }

            return field.SelectionSet is not null && CheckSelections(field.SelectionSet, visited, depth);
        }

        return CheckSelections(((InlineFragmentNode)node).SelectionSet, visited, depth);
    }

    private bool CheckSelections(SelectionSetNode set, Dictionary<string, int> visited, int depth)
    {
        var selections = set.Selections;
        for (var i = 0; i < selections.Count; i++)
            if (CheckDepth(selections[i], visited, depth)) return true;
        return false;
    }
}
