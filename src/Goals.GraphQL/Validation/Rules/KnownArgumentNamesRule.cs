using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.1 Argument Names: every argument is defined on its field or directive.</summary>
internal sealed class KnownArgumentNamesRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.Directive | NodeKinds.Argument;

    public override bool Enter(SyntaxNode node)
    {
        if (node is DirectiveNode directive)
        {
            if (directive.Arguments.Count == 0) return false;
            var name = directive.Name.Value;
            List<string>? known = null;
            foreach (var def in Context.Document.Definitions)
            {
                if (def is DirectiveDefinitionNode d && d.Name.Value == name)
                {
                    known = [];
                    foreach (var a in d.Arguments) known.Add(a.Name.Value);
                }
            }

            if (known is null && Context.Schema.GetDirective(name) is { } schemaDirective)
                known = [.. schemaDirective.Arguments.Keys];
            if (known is null) return false;
            foreach (var arg in directive.Arguments)
            {
                var argName = arg.Name.Value;
                if (known.Contains(argName)) continue;
                Context.ReportError($"Unknown argument \"{argName}\" on directive \"@{name}\"." +
                                    Suggestions.DidYouMean(Context.Suggest(argName, known)), arg);
            }

            return false;
        }

        var ti = Context.TypeInfo;
        var fieldDef = ti.FieldDef;
        var parentType = ti.ParentType;
        if (ti.Argument is null && fieldDef is not null && parentType is not null)
        {
            var argNode = (ArgumentNode)node;
            var argName = argNode.Name.Value;
            Context.ReportError($"Unknown argument \"{argName}\" on field \"{parentType.Name}.{fieldDef.Name}\"." +
                                Suggestions.DidYouMean(Context.Suggest(argName, fieldDef.Arguments.Keys)), argNode);
        }

        return true;
    }
}
