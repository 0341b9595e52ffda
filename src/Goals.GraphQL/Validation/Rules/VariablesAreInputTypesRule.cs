using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.8.2 Variables Are Input Types.</summary>
internal sealed class VariablesAreInputTypesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.VariableDefinition;

    public override bool Enter(SyntaxNode node)
    {
        var def = (VariableDefinitionNode)node;
        var type = ValidationContext.TypeFromAst(Context.Schema, def.Type);
        if (type is not null && !type.IsInputType)
            Context.ReportError($"Variable \"${def.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(def.Type)}\".", def.Type);
        return true;
    }
}
