using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.7.3 Directives Are Unique Per Location (non-repeatable directives only).</summary>
internal sealed class UniqueDirectivesPerLocationRule(ValidationContext context) : ValidationRule(context)
{
    private readonly Dictionary<string, DirectiveNode> _schemaDirectives = new();
    private readonly Dictionary<string, Dictionary<string, DirectiveNode>> _typeDirectives = new();
    private Dictionary<string, bool>? _documentRepeatable;

    public override NodeKinds EnterKinds => NodeKinds.OperationDefinition | NodeKinds.VariableDefinition | NodeKinds.Field |
                                            NodeKinds.FragmentSpread | NodeKinds.InlineFragment | NodeKinds.FragmentDefinition |
                                            NodeKinds.SdlNode;

    public override bool Enter(SyntaxNode node)
    {
        var directives = node switch
        {
            SelectionNode s => s.Directives,
            ExecutableDefinitionNode e => e.Directives,
            VariableDefinitionNode v => v.Directives,
            TypeSystemDefinitionNode t => t.Directives,
            FieldDefinitionNode f => f.Directives,
            InputValueDefinitionNode i => i.Directives,
            EnumValueDefinitionNode ev => ev.Directives,
            _ => [],
        };
        if (directives.Count == 0) return true;
        if (directives.Count == 1 && node is not (TypeSystemDefinitionNode)) return true;

        Dictionary<string, DirectiveNode> seen;
        if (node is SchemaDefinitionNode or SchemaExtensionNode)
        {
            seen = _schemaDirectives;
        }
        else if (node is TypeDefinitionNode t)
        {
            if (!_typeDirectives.TryGetValue(t.Name.Value, out seen!)) _typeDirectives[t.Name.Value] = seen = new Dictionary<string, DirectiveNode>();
        }
        else
        {
            seen = new Dictionary<string, DirectiveNode>();
        }

        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (!IsUnique(name)) continue;
            if (seen.TryGetValue(name, out var existing))
                Context.ReportError($"The directive \"@{name}\" can only be used once at this location.", existing, directive);
            else seen[name] = directive;
        }

        return true;
    }

    private bool IsUnique(string name)
    {
        if (_documentRepeatable is null)
        {
            _documentRepeatable = new Dictionary<string, bool>();
            foreach (var def in Context.Document.Definitions)
                if (def is DirectiveDefinitionNode d) _documentRepeatable[d.Name.Value] = d.Repeatable;
        }

        if (_documentRepeatable.TryGetValue(name, out var repeatable)) return !repeatable;
        return Context.Schema.GetDirective(name) is { } def2 && !def2.IsRepeatable;
    }
}
