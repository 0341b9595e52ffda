using Goals.GraphQL.Language;

namespace Goals.GraphQL.Execution;

/// <summary>Lets a resolver see ahead into its field's selection, e.g. to load in its own transaction what the client
/// will read below it. Conservative: fragments are followed whatever their type condition, and @skip/@include are ignored.</summary>
public static class SelectionLookahead
{
    /// <summary>True when the selection of this field (all its merged nodes) reaches the given chain of field names.</summary>
    public static bool Selects(this IResolverContext context, params string[] fieldNames)
    {
        if (context is not FieldContext field) return true;
        var fragments = field.State.Plan.Fragments;
        foreach (var node in field.Collected.Nodes)
            if (Reaches(node.SelectionSet, fieldNames, 0, fragments, 0)) return true;
        return false;
    }

    private static bool Reaches(SelectionSetNode? selectionSet, string[] names, int depth,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, int spreads)
    {
        if (depth == names.Length) return true;
        if (selectionSet is null || spreads > fragments.Count) return false;
        foreach (var selection in selectionSet.Selections)
        {
            var found = selection switch
            {
                FieldNode f => f.Name.Value == names[depth] && Reaches(f.SelectionSet, names, depth + 1, fragments, spreads),
                InlineFragmentNode inline => Reaches(inline.SelectionSet, names, depth, fragments, spreads),
                FragmentSpreadNode spread => fragments.TryGetValue(spread.Name.Value, out var fragment)
                                             && Reaches(fragment.SelectionSet, names, depth, fragments, spreads + 1),
                _ => false,
            };
            if (found) return true;
        }

        return false;
    }
}
