using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.3 Fragments On Composite Types.</summary>
internal sealed class FragmentsOnCompositeTypesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.InlineFragment | NodeKinds.FragmentDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is InlineFragmentNode { TypeCondition: { } condition })
        {
            var type = Context.Schema.GetType(condition.Name.Value);
            if (type is not null && !type.IsCompositeType)
                Context.ReportError($"Fragment cannot condition on non composite type \"{condition.Name.Value}\".", condition);
        }
        else if (node is FragmentDefinitionNode fragment)
        {
            var type = Context.Schema.GetType(fragment.TypeCondition.Name.Value);
            if (type is not null && !type.IsCompositeType)
            {
                Context.ReportError(
                    $"Fragment \"{fragment.Name.Value}\" cannot condition on non composite type \"{fragment.TypeCondition.Name.Value}\".",
                    fragment.TypeCondition);
            }
        }

        return true;
    }
}
