using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.2 Argument Uniqueness.</summary>
internal sealed class UniqueArgumentNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Field | NodeKinds.Directive;

    public override bool Enter(SyntaxNode node)
    {
        var args = node is FieldNode f ? f.Arguments : ((DirectiveNode)node).Arguments;
        if (args.Count < 2) return true;
        Dictionary<string, List<SyntaxNode>>? groups = null;
        List<string>? order = null;
        for (var i = 0; i < args.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (args[j].Name.Value != args[i].Name.Value) continue;
                groups ??= new Dictionary<string, List<SyntaxNode>>();
                order ??= [];
                break;
            }
        }

        if (groups is null) return true;
        foreach (var arg in args)
        {
            if (!groups.TryGetValue(arg.Name.Value, out var list))
            {
                groups[arg.Name.Value] = list = [];
                order!.Add(arg.Name.Value);
            }

            list.Add(arg.Name);
        }

        foreach (var name in order!)
        {
            if (groups[name].Count > 1)
                Context.ReportError($"There can be only one argument named \"{name}\".", groups[name]);
        }

        return true;
    }
}
