using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.4.2.1 Required Arguments.</summary>
internal sealed class ProvidedRequiredArgumentsRule(ValidationContext context) : ValidationRule(context)
{
    public override NodeKinds EnterKinds => NodeKinds.None;
    public override NodeKinds LeaveKinds => NodeKinds.Field | NodeKinds.Directive;

    public override void Leave(SyntaxNode node)
    {
        if (node is FieldNode field)
        {
            var fieldDef = Context.TypeInfo.FieldDef;
            if (fieldDef is null || fieldDef.Arguments.Count == 0) return;
            foreach (var argDef in fieldDef.Arguments.Values)
            {
                if (!argDef.Type.IsNonNull || argDef.DefaultValue is not null || HasArgument(field.Arguments, argDef.Name)) continue;
                Context.ReportError(
                    $"Field \"{fieldDef.Name}\" argument \"{argDef.Name}\" of type \"{argDef.Type}\" is required, but it was not provided.",
                    field);
            }

            return;
        }

        var directive = (DirectiveNode)node;
        var name = directive.Name.Value;
        foreach (var def in Context.Document.Definitions)
        {
            if (def is not DirectiveDefinitionNode d || d.Name.Value != name) continue;
            foreach (var arg in d.Arguments)
            {
                if (arg.Type is not NonNullTypeNode || arg.DefaultValue is not null || HasArgument(directive.Arguments, arg.Name.Value)) continue;
                Context.ReportError(
                    $"Directive \"@{name}\" argument \"{arg.Name.Value}\" of type \"{Printer.Print(arg.Type)}\" is required, but it was not provided.",
                    directive);
            }

            return;
        }

        if (Context.Schema.GetDirective(name) is not { } schemaDirective) return;
        foreach (var argDef in schemaDirective.Arguments.Values)
        {
            if (!argDef.Type.IsNonNull || argDef.DefaultValue is not null || HasArgument(directive.Arguments, argDef.Name)) continue;
            Context.ReportError(
                $"Directive \"@{name}\" argument \"{argDef.Name}\" of type \"{argDef.Type}\" is required, but it was not provided.",
                directive);
        }
    }

    private static bool HasArgument(IReadOnlyList<ArgumentNode> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
            if (args[i].Name.Value == name) return true;
        return false;
    }
}
