using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.2.1 Fragment Spread Target Defined.</summary>
internal sealed class KnownFragmentNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.FragmentSpread;

    public override bool Enter(SyntaxNode node)
    {
        var spread = (FragmentSpreadNode)node;
        if (Context.GetFragment(spread.Name.Value) is null)
            Context.ReportError($"Unknown fragment \"{spread.Name.Value}\".", spread.Name);
        return true;
    }
}
