using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.3.3 Leaf Field Selections: leaves have no selection set, composite fields need one.</summary>
internal sealed class ScalarLeafsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Field;

    public override bool Enter(SyntaxNode node)
    {
        var field = (FieldNode)node;
        var type = Context.TypeInfo.Type;
        if (type is null) return true;
        var selectionSet = field.SelectionSet;
        if (type.Named.IsLeafType)
        {
            if (selectionSet is not null)
            {
                Context.ReportError(
                    $"Field \"{field.Name.Value}\" must not have a selection since type \"{type}\" has no subfields.", selectionSet);
            }
        }
        else if (selectionSet is null)
        {
            Context.ReportError(
                $"Field \"{field.Name.Value}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{field.Name.Value} {{ ... }}\"?",
                field);
        }
        else if (selectionSet.Selections.Count == 0)
        {
            Context.ReportError($"Field \"{field.Name.Value}\" of type \"{type}\" must have at least one field selected.", field);
        }

        return true;
    }
}
