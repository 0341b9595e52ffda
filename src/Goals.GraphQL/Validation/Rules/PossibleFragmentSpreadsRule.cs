using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.2.3 Fragment Spread Is Possible: the fragment's type can overlap its parent type.</summary>
internal sealed class PossibleFragmentSpreadsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.InlineFragment | NodeKinds.FragmentSpread;

    public override bool Enter(SyntaxNode node)
    {
        var parentType = Context.TypeInfo.ParentType;
        if (node is InlineFragmentNode)
        {
            var fragType = Context.TypeInfo.Type;
            if (fragType is NamedType { IsCompositeType: true } ft && parentType is { IsCompositeType: true } &&
                !TypeComparators.DoTypesOverlap(Context.Schema, ft, parentType))
            {
                Context.ReportError(
                    $"Fragment cannot be spread here as objects of type \"{parentType}\" can never be of type \"{ft}\".", node);
            }
        }
        else
        {
            var spread = (FragmentSpreadNode)node;
            var fragment = Context.GetFragment(spread.Name.Value);
            if (fragment is null) return true;
            var fragType = Context.Schema.GetType(fragment.TypeCondition.Name.Value);
            if (fragType is { IsCompositeType: true } && parentType is not null &&
                !TypeComparators.DoTypesOverlap(Context.Schema, fragType, parentType))
            {
                Context.ReportError(
                    $"Fragment \"{spread.Name.Value}\" cannot be spread here as objects of type \"{parentType}\" can never be of type \"{fragType}\".",
                    node);
            }
        }

        return true;
    }
}
