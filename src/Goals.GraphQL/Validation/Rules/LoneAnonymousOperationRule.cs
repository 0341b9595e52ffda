using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.2.2.1 Lone Anonymous Operation: an anonymous operation must be the document's only one.</summary>
internal sealed class LoneAnonymousOperationRule(ValidationContext context) : ValidationRule(context)
{
    private int _operationCount;
    public override NodeKinds EnterKinds => NodeKinds.Document | NodeKinds.OperationDefinition;

    public override bool Enter(SyntaxNode node)
    {
        if (node is DocumentNode doc)
        {
            foreach (var d in doc.Definitions)
                if (d is OperationDefinitionNode) _operationCount++;
        }
        else if (node is OperationDefinitionNode { Name: null } op && _operationCount > 1)
        {
            Context.ReportError("This anonymous operation must be the only defined operation.", op);
        }

        return true;
    }
}
