using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation;

/// <summary>A cheap scan (no type lookups) for whether an executable document uses any variable at all.</summary>
internal static class VariableScanner
{
    public static bool DocumentHasVariables(DocumentNode document)
    {
        var definitions = document.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (definitions[i] is not ExecutableDefinitionNode e) continue;
            if (Directives(e.Directives) || Selections(e.SelectionSet)) return true;
        }

        return false;
    }

    private static bool Selections(SelectionSetNode set)
    {
        var selections = set.Selections;
        for (var i = 0; i < selections.Count; i++)
        {
            var selection = selections[i];
            if (Directives(selection.Directives)) return true;
            switch (selection)
            {
                case FieldNode field:
                    var args = field.Arguments;
                    for (var j = 0; j < args.Count; j++)
                        if (Value(args[j].Value)) return true;
                    if (field.SelectionSet is not null && Selections(field.SelectionSet)) return true;
                    break;
                case InlineFragmentNode inline:
                    if (Selections(inline.SelectionSet)) return true;
                    break;
            }
        }

        return false;
    }

    private static bool Directives(IReadOnlyList<DirectiveNode> directives)
    {
        for (var i = 0; i < directives.Count; i++)
        {
            var args = directives[i].Arguments;
            for (var j = 0; j < args.Count; j++)
                if (Value(args[j].Value)) return true;
        }

        return false;
    }

    private static bool Value(ValueNode value)
    {
        switch (value)
        {
            case VariableNode:
                return true;
            case ListValueNode list:
                for (var i = 0; i < list.Values.Count; i++)
                    if (Value(list.Values[i])) return true;
                return false;
            case ObjectValueNode obj:
                for (var i = 0; i < obj.Fields.Count; i++)
                    if (Value(obj.Fields[i].Value)) return true;
                return false;
            default:
                return false;
        }
    }
}
