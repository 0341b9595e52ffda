using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.1 Variable Uniqueness.</summary>
internal sealed class UniqueVariableNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        var defs = ((OperationDefinitionNode)node).VariableDefinitions;
        if (defs.Count < 2) return true;
        var groups = new Dictionary<string, List<SyntaxNode>>();
        var order = new List<string>();
        foreach (var def in defs)
        {
            var name = def.Variable.Name.Value;
            if (!groups.TryGetValue(name, out var list))
            {
                groups[name] = list = [];
                order.Add(name);
            }

            list.Add(def.Variable.Name);
        }

        foreach (var name in order)
        {
            if (groups[name].Count > 1)
                Context.ReportError($"There can be only one variable named \"${name}\".", groups[name]);
        }

        return true;
    }
}
