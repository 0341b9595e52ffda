using Goals.GraphQL.Execution;
using Goals.GraphQL.Introspection;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Types.Building;

/// <summary>Directive definitions, and every directive usage checked against them once all are known.</summary>
internal sealed partial class SchemaBuildState
{
    private static readonly Dictionary<string, DirectiveLocation> LocationNames = new(StringComparer.Ordinal)
    {
        ["QUERY"] = DirectiveLocation.Query, ["MUTATION"] = DirectiveLocation.Mutation,
        ["SUBSCRIPTION"] = DirectiveLocation.Subscription, ["FIELD"] = DirectiveLocation.Field,
        ["FRAGMENT_DEFINITION"] = DirectiveLocation.FragmentDefinition, ["FRAGMENT_SPREAD"] = DirectiveLocation.FragmentSpread,
        ["INLINE_FRAGMENT"] = DirectiveLocation.InlineFragment, ["VARIABLE_DEFINITION"] = DirectiveLocation.VariableDefinition,
        ["SCHEMA"] = DirectiveLocation.Schema, ["SCALAR"] = DirectiveLocation.Scalar, ["OBJECT"] = DirectiveLocation.Object,
        ["FIELD_DEFINITION"] = DirectiveLocation.FieldDefinition, ["ARGUMENT_DEFINITION"] = DirectiveLocation.ArgumentDefinition,
        ["INTERFACE"] = DirectiveLocation.Interface, ["UNION"] = DirectiveLocation.Union, ["ENUM"] = DirectiveLocation.Enum,
        ["ENUM_VALUE"] = DirectiveLocation.EnumValue, ["INPUT_OBJECT"] = DirectiveLocation.InputObject,
        ["INPUT_FIELD_DEFINITION"] = DirectiveLocation.InputFieldDefinition,
        ["DIRECTIVE_DEFINITION"] = DirectiveLocation.DirectiveDefinition,
    };

    private void CreateDirectives(List<DirectiveDefinitionNode> nodes)
    {
        foreach (var node in nodes)
        {
            var name = node.Name.Value;
            if (_directives.ContainsKey(name))
            {
                Problem($"There can be only one directive named \"@{name}\".", node.Name);
                continue;
            }

            if (name.StartsWith("__", StringComparison.Ordinal))
                Problem($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", node.Name);
            var locations = DirectiveLocation.None;
            foreach (var loc in node.Locations)
            {
                if (LocationNames.TryGetValue(loc.Value, out var l)) locations |= l;
                else Problem($"Unknown directive location \"{loc.Value}\".", loc);
            }

            if (node.Locations.Count == 0) Problem($"Directive @{name} must include 1 or more locations.", node);
            var args = new Dictionary<string, InputValueDefinition>(StringComparer.Ordinal);
            foreach (var argNode in node.Arguments)
            {
                if (args.ContainsKey(argNode.Name.Value))
                {
                    Problem($"Argument \"@{name}({argNode.Name.Value}:)\" can only be defined once.", argNode.Name);
                    continue;
                }

                var arg = BuildInputValue(argNode, DirectiveLocation.ArgumentDefinition);
                if (arg is null) continue;
                if (!arg.Type.IsInputType)
                    Problem($"The type of @{name}({arg.Name}:) must be Input Type but got: {arg.Type}.", argNode);
                if (arg.Type is NonNullType && !arg.HasDefaultValue && arg.IsDeprecated)
                    Problem($"Required argument @{name}({arg.Name}:) cannot be deprecated.", argNode);
                args[arg.Name] = arg;
            }

            _directives[name] = new DirectiveDefinition(name, locations)
            {
                Description = node.Description?.Value,
                Arguments = args.Count == 0 ? FieldDefinition.EmptyArguments : args,
                IsRepeatable = node.Repeatable,
                DeprecationReason = Deprecation(node.Directives),
                Node = node,
            };
        }

        foreach (var builtIn in IntrospectionTypes.SpecifiedDirectives) _directives.TryAdd(builtIn.Name, builtIn);
        foreach (var node in nodes) CheckDirectives(node.Directives, DirectiveLocation.DirectiveDefinition);
    }

    private readonly List<(IReadOnlyList<DirectiveNode> Directives, DirectiveLocation Location)> _pendingDirectiveChecks = [];

    private void CheckDirectives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location)
    {
        if (directives.Count > 0) _pendingDirectiveChecks.Add((directives, location));
    }

    private void ValidateDirectiveUsages(List<SchemaDefinitionNode> schemaDefinitions, List<SchemaExtensionNode> schemaExtensions)
    {
        foreach (var sd in schemaDefinitions) CheckDirectives(sd.Directives, DirectiveLocation.Schema);
        foreach (var se in schemaExtensions) CheckDirectives(se.Directives, DirectiveLocation.Schema);
        foreach (var (directives, location) in _pendingDirectiveChecks)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var directive in directives)
            {
                var name = directive.Name.Value;
                if (!_directives.TryGetValue(name, out var definition))
                {
                    Problem($"Unknown directive \"@{name}\".", directive);
                    continue;
                }

                if ((definition.Locations & location) == 0)
                    Problem($"Directive \"@{name}\" may not be used on {LocationName(location)}.", directive);
                if (!definition.IsRepeatable && !seen.Add(name))
                    Problem($"The directive \"@{name}\" can only be used once at this location.", directive);
                foreach (var arg in directive.Arguments)
                {
                    if (!definition.Arguments.TryGetValue(arg.Name.Value, out var argDef))
                    {
                        Problem($"Unknown argument \"{arg.Name.Value}\" on directive \"@{name}\".", arg);
                        continue;
                    }

                    if (arg.Value is not VariableNode && Values.ValueFromAst(arg.Value, argDef.Type, null) == Values.Undefined)
                        Problem($"Argument \"@{name}({arg.Name.Value}:)\" has invalid value {Inspect.Literal(arg.Value)}.", arg.Value);
                }

                foreach (var argDef in definition.Arguments.Values)
                {
                    if (argDef.Type is NonNullType && !argDef.HasDefaultValue && directive.Arguments.All(a => a.Name.Value != argDef.Name))
                        Problem($"Argument \"@{name}({argDef.Name}:)\" of type \"{argDef.Type}\" is required, but it was not provided.", directive);
                }
            }
        }
    }

    private static string LocationName(DirectiveLocation location)
    {
        foreach (var (name, value) in LocationNames)
            if (value == location) return name;
        return location.ToString();
    }
}
