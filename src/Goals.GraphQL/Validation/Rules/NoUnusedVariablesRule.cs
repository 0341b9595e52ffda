using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.4 All Variables Used.</summary>
internal sealed class NoUnusedVariablesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly List<VariableDefinitionNode> _defs = [];
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode) _defs.Clear();
        else _defs.Add((VariableDefinitionNode)node);
        return true;
    }

    public override void Leave(SyntaxNode node)
    {
        if (_defs.Count == 0) return;
        var operation = (OperationDefinitionNode)node;
        var used = new HashSet<string>();
        foreach (var usage in Context.GetRecursiveVariableUsages(operation)) used.Add(usage.Node.Name.Value);
        foreach (var def in _defs)
        {
            var name = def.Variable.Name.Value;
            if (used.Contains(name)) continue;
            Context.ReportError(operation.Name is not null
                ? $"Variable \"${name}\" is never used in operation \"{operation.Name.Value}\"."
                : $"Variable \"${name}\" is never used.", def);
        }
    }
}
