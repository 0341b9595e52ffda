using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.2.1.1 Operation Name Uniqueness.</summary>
internal sealed class UniqueOperationNamesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, NameNode> _known = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode { Name: { } name })
        {
            if (_known.TryGetValue(name.Value, out var existing))
                Context.ReportError($"There can be only one operation named \"{name.Value}\".", existing, name);
            else _known[name.Value] = name;
        }

        return false;
    }
}
