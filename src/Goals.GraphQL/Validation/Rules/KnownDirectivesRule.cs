using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.7.1 Directives Are Defined and §5.7.2 Directives Are In Valid Locations.</summary>
internal sealed class KnownDirectivesRule(ValidationContext context) : ValidationRule(context)
{
    private Dictionary<string, DirectiveLocation>? _documentDirectives;
    public override NodeKinds EnterKinds => NodeKinds.Directive;

    public override bool Enter(SyntaxNode node)
    {
        var directive = (DirectiveNode)node;
        var name = directive.Name.Value;
        DirectiveLocation locations;
        if (DocumentDirectives().TryGetValue(name, out var docLocations))
        {
            locations = docLocations;
        }
        else if (Context.Schema.GetDirective(name) is { } def)
        {
            locations = def.Locations;
        }
        else
        {
            Context.ReportError($"Unknown directive \"@{name}\".", directive);
            return true;
        }

        var candidate = Context.DirectiveLocation;
        if ((locations & candidate) == 0)
            Context.ReportError($"Directive \"@{name}\" may not be used on {DirectiveLocationNames.Name(candidate)}.", directive);
        return true;
    }

    private Dictionary<string, DirectiveLocation> DocumentDirectives()
    {
        if (_documentDirectives is not null) return _documentDirectives;
        _documentDirectives = new Dictionary<string, DirectiveLocation>();
        foreach (var def in Context.Document.Definitions)
        {
            if (def is not DirectiveDefinitionNode d) continue;
            var locations = DirectiveLocation.None;
            foreach (var l in d.Locations) locations |= DirectiveLocationNames.Parse(l.Value);
            _documentDirectives[d.Name.Value] = locations;
        }

        return _documentDirectives;
    }
}
