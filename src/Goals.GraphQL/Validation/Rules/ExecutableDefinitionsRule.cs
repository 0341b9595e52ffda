using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.1.1 Executable Definitions: a document sent for execution holds only operations and fragments.</summary>
internal sealed class ExecutableDefinitionsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Document;

    public override bool Enter(SyntaxNode node)
    {
        foreach (var definition in ((DocumentNode)node).Definitions)
        {
            if (definition is ExecutableDefinitionNode) continue;
            var defName = definition switch
            {
                SchemaDefinitionNode or SchemaExtensionNode => "schema",
                TypeDefinitionNode t => "\"" + t.Name.Value + "\"",
                DirectiveDefinitionNode d => "\"" + d.Name.Value + "\"",
                _ => "unknown",
            };
            Context.ReportError($"The {defName} definition is not executable.", definition);
        }

        return false;
    }
}
