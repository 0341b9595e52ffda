using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.4 Fragments Must Be Used.</summary>
internal sealed class NoUnusedFragmentsRule(ValidationContext context) : ValidationRule(context)
{
    private readonly List<OperationDefinitionNode> _operations = [];
    private readonly List<FragmentDefinitionNode> _fragments = [];
    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.FragmentDefinition;
    public override NodeKinds LeaveKinds => NodeKinds.Document;

    public override bool Enter(SyntaxNode node)
    {
        if (node is OperationDefinitionNode op) _operations.Add(op);
        else _fragments.Add((FragmentDefinitionNode)node);
        return false;
    }

    public override void Leave(SyntaxNode node)
    {
        if (_fragments.Count == 0) return;
        var used = new HashSet<string>();
        foreach (var f in Context.CollectReferencedFragments(_operations)) used.Add(f.Name.Value);
        foreach (var fragment in _fragments)
        {
            if (!used.Contains(fragment.Name.Value))
                Context.ReportError($"Fragment \"{fragment.Name.Value}\" is never used.", fragment);
        }
    }
}
