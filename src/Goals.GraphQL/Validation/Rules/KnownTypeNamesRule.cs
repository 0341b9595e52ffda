using Goals.GraphQL.Language;

namespace Goals.GraphQL.Validation.Rules;

/// <summary>Spec §5.5.1.2 Fragment Spread Type Existence; graphql-js checks every named type with it (variable types too).</summary>
internal sealed class KnownTypeNamesRule(ValidationContext context) : ValidationRule(context)
{
    private static readonly string[] StandardTypeNames =
    [
        "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field",
        "__InputValue", "__EnumValue", "__TypeKind",
    ];

    private HashSet<string>? _definedTypes;
    public override NodeKinds EnterKinds => NodeKinds.NamedType;

    public override bool Enter(SyntaxNode node)
    {
        var named = (NamedTypeNode)node;
        var typeName = named.Name.Value;
        if (Context.Schema.Types.ContainsKey(typeName)) return true;
        if (_definedTypes is null)
        {
            _definedTypes = [];
            foreach (var def in Context.Document.Definitions)
                if (def is TypeDefinitionNode { IsExtension: false } t) _definedTypes.Add(t.Name.Value);
        }

        if (_definedTypes.Contains(typeName)) return true;
        var isSdl = Context.InSdl;
        if (isSdl && Array.IndexOf(StandardTypeNames, typeName) >= 0) return true;
        var options = new List<string>();
        if (isSdl) options.AddRange(StandardTypeNames);
        options.AddRange(Context.Schema.Types.Keys);
        options.AddRange(_definedTypes);
        var suggestions = Context.Suggest(typeName, options);
        Context.ReportError($"Unknown type \"{typeName}\"." + Suggestions.DidYouMean(suggestions), named);
        return true;
    }
}
