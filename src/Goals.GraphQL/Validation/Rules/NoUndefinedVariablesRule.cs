using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.3 All Variable Uses Defined.</summary>
internal sealed class NoUndefinedVariablesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly HashSet<string> _defined = [];
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode) _defined.Clear();
        else _defined.Add(((VariableDefinitionNode)node).Variable.Name.Value);
        return true;
    }

    public override void Leave(SyntaxNode node)
    {
        var operation = (OperationDefinitionNode)node;
        foreach (var usage in Context.GetRecursiveVariableUsages(operation))
        {
            var varName = usage.Node.Name.Value;
            if (_defined.Contains(varName)) continue;
            Context.ReportError(operation.Name is not null
                ? $"Variable \"${varName}\" is not defined by operation \"{operation.Name.Value}\"."
                : $"Variable \"${varName}\" is not defined.", usage.Node, operation);
        }
    }
}
