using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.1 Fragment Name Uniqueness.</summary>
internal sealed class UniqueFragmentNamesRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, NameNode> _known = new();
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is FragmentDefinitionNode fragment)
        {
            var name = fragment.Name;
            if (_known.TryGetValue(name.Value, out var existing))
                Context.ReportError($"There can be only one fragment named \"{name.Value}\".", existing, name);
            else _known[name.Value] = name;
        }

        return false;
    }
}
