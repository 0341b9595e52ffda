using Goals.GraphQL.Introspection;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Types.Building;

/// <summary>Named types from their definitions and extensions: fields, arguments, interfaces, members, values.</summary>
internal sealed partial class SchemaBuildState
{
    private void CreateNamedTypes()
    {
        foreach (var scalar in BuiltInScalars.All) _types[scalar.Name] = scalar;
        foreach (var type in IntrospectionTypes.All) _types[type.Name] = type;
        var order = new List<string>();
        foreach (var name in _typeOrder)
        {
            var node = _definitions[name];
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                Problem($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", node.Name);
                continue;
            }

            if (BuiltInScalars.All.Any(s => s.Name == name))
            {
                if (node is not ScalarTypeDefinitionNode)
                    Problem($"Type \"{name}\" conflicts with the built-in scalar of the same name.", node.Name);
                continue;
            }

            var description = node.Description?.Value;
            NamedType? created = node switch
            {
                ScalarTypeDefinitionNode => CreateScalar(name, node),
                ObjectTypeDefinitionNode => new ObjectType(name, description),
                InterfaceTypeDefinitionNode => new InterfaceType(name, description),
                UnionTypeDefinitionNode => new UnionType(name, description),
                EnumTypeDefinitionNode => new EnumType(name, description),
                InputObjectTypeDefinitionNode => new InputObjectType(name, description),
                _ => null,
            };
            if (created is null) continue;
            _types[name] = created;
            order.Add(name);
        }

        _typeOrder.Clear();
        _typeOrder.AddRange(order);
        foreach (var name in _bindings.Scalars.Keys)
        {
            if (!_definitions.ContainsKey(name))
                Problem($"Scalar \"{name}\" was added with AddScalar but is not declared in the type definitions (add `scalar {name}`).");
        }
    }

    private ScalarType? CreateScalar(string name, TypeDefinitionNode node)
    {
        if (!_bindings.Scalars.TryGetValue(name, out var scalar))
        {
            Problem($"Scalar \"{name}\" has no implementation: call AddScalar with a ScalarType named \"{name}\".", node.Name);
            return null;
        }

        if (node.Description is not null) scalar.Description = node.Description.Value;
        return scalar;
    }

    private NamedType? ResolveNamed(NamedTypeNode node)
    {
        if (_types.TryGetValue(node.Name.Value, out var type)) return type;
        Problem($"Unknown type \"{node.Name.Value}\".", node);
        return null;
    }

    private GraphQLType? ResolveType(TypeNode node) => node switch
    {
        NamedTypeNode named => ResolveNamed(named),
        ListTypeNode list => ResolveType(list.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nn => ResolveType(nn.Type) is { } inner2 && inner2 is not NonNullType ? new NonNullType(inner2) : null,
        _ => null,
    };

    private static string KindName(TypeDefinitionNode node) => node switch
    {
        ScalarTypeDefinitionNode => "scalar",
        ObjectTypeDefinitionNode => "object",
        InterfaceTypeDefinitionNode => "interface",
        UnionTypeDefinitionNode => "union",
        EnumTypeDefinitionNode => "enum",
        _ => "input object",
    };

    private void FillType(string name)
    {
        var definition = _definitions[name];
        var all = new List<TypeDefinitionNode> { definition };
        if (_extensions.TryGetValue(name, out var exts))
        {
            foreach (var ext in exts)
            {
                if (KindName(ext) != KindName(definition))
                    Problem($"Cannot extend non-{KindName(ext)} type \"{name}\".", ext.Name);
                else all.Add(ext);
            }
        }

        var type = _types[name];
        switch (type)
        {
            case ObjectType obj:
                obj.Fields = BuildFields(name, all.Cast<ObjectTypeDefinitionNode>().SelectMany(n => n.Fields));
                obj.Interfaces = BuildInterfaces(name, all.Cast<ObjectTypeDefinitionNode>().SelectMany(n => n.Interfaces));
                break;
            case InterfaceType iface:
                iface.Fields = BuildFields(name, all.Cast<InterfaceTypeDefinitionNode>().SelectMany(n => n.Fields));
                iface.Interfaces = BuildInterfaces(name, all.Cast<InterfaceTypeDefinitionNode>().SelectMany(n => n.Interfaces));
                break;
            case UnionType union:
            {
                var members = new List<ObjectType>();
                foreach (var member in all.Cast<UnionTypeDefinitionNode>().SelectMany(n => n.Types))
                {
                    var t = ResolveNamed(member);
                    if (t is null) continue;
                    if (t is not ObjectType o)
                        Problem($"Union type {name} can only include Object types, it cannot include {t.Name}.", member);
                    else if (members.Contains(o))
                        Problem($"Union type {name} can only include type {o.Name} once.", member);
                    else members.Add(o);
                }

                union.Types = members;
                break;
            }
            case EnumType enumType:
            {
                var values = new Dictionary<string, EnumValueDefinition>(StringComparer.Ordinal);
                foreach (var valueNode in all.Cast<EnumTypeDefinitionNode>().SelectMany(n => n.Values))
                {
                    var valueName = valueNode.Name.Value;
                    if (valueName is "true" or "false" or "null")
                        Problem($"Enum type {name} cannot include value: {valueName}.", valueNode.Name);
                    if (values.ContainsKey(valueName))
                    {
                        Problem($"Enum value \"{name}.{valueName}\" can only be defined once.", valueNode.Name);
                        continue;
                    }

                    CheckDirectives(valueNode.Directives, DirectiveLocation.EnumValue);
                    values[valueName] = new EnumValueDefinition(valueName)
                    {
                        Description = valueNode.Description?.Value,
                        DeprecationReason = Deprecation(valueNode.Directives),
                    };
                }

                enumType.Values = values;
                break;
            }
            case InputObjectType input:
            {
                var fields = new Dictionary<string, InputValueDefinition>(StringComparer.Ordinal);
                foreach (var fieldNode in all.Cast<InputObjectTypeDefinitionNode>().SelectMany(n => n.Fields))
                {
                    if (fields.ContainsKey(fieldNode.Name.Value))
                    {
                        Problem($"Field \"{name}.{fieldNode.Name.Value}\" can only be defined once.", fieldNode.Name);
                        continue;
                    }

                    var built = BuildInputValue(fieldNode, DirectiveLocation.InputFieldDefinition);
                    if (built is not null) fields[built.Name] = built;
                }

                input.Fields = fields;
                input.IsOneOf = all.Any(n => n.Directives.Any(d => d.Name.Value == "oneOf"));
                break;
            }
            case ScalarType scalar:
            {
                foreach (var node in all)
                {
                    foreach (var directive in node.Directives)
                    {
                        if (directive.Name.Value != "specifiedBy") continue;
                        var url = directive.Arguments.FirstOrDefault(a => a.Name.Value == "url")?.Value as StringValueNode;
                        if (url is null) Problem($"Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required.", directive);
                        else scalar.SetSpecifiedByUrl(url.Value);
                    }
                }

                break;
            }
        }

        var location = type switch
        {
            ObjectType => DirectiveLocation.Object,
            InterfaceType => DirectiveLocation.Interface,
            UnionType => DirectiveLocation.Union,
            EnumType => DirectiveLocation.Enum,
            InputObjectType => DirectiveLocation.InputObject,
            _ => DirectiveLocation.Scalar,
        };
        var merged = all.SelectMany(n => n.Directives).ToList();
        CheckDirectives(merged, location);
    }

    private Dictionary<string, FieldDefinition> BuildFields(string typeName, IEnumerable<FieldDefinitionNode> nodes)
    {
        var fields = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var fieldName = node.Name.Value;
            if (fields.ContainsKey(fieldName))
            {
                Problem($"Field \"{typeName}.{fieldName}\" can only be defined once.", node.Name);
                continue;
            }

            var type = ResolveType(node.Type);
            var args = new Dictionary<string, InputValueDefinition>(StringComparer.Ordinal);
            foreach (var argNode in node.Arguments)
            {
                if (args.ContainsKey(argNode.Name.Value))
                {
                    Problem($"Argument \"{typeName}.{fieldName}({argNode.Name.Value}:)\" can only be defined once.", argNode.Name);
                    continue;
                }

                var arg = BuildInputValue(argNode, DirectiveLocation.ArgumentDefinition);
                if (arg is not null) args[arg.Name] = arg;
            }

            CheckDirectives(node.Directives, DirectiveLocation.FieldDefinition);
            if (type is null) continue;
            fields[fieldName] = new FieldDefinition(fieldName, type)
            {
                Description = node.Description?.Value,
                Arguments = args.Count == 0 ? FieldDefinition.EmptyArguments : args,
                DeprecationReason = Deprecation(node.Directives),
                Node = node,
            };
        }

        return fields;
    }

    private InputValueDefinition? BuildInputValue(InputValueDefinitionNode node, DirectiveLocation location)
    {
        var type = ResolveType(node.Type);
        CheckDirectives(node.Directives, location);
        if (type is null) return null;
        return new InputValueDefinition(node.Name.Value, type)
        {
            Description = node.Description?.Value,
            DefaultValue = node.DefaultValue,
            DeprecationReason = Deprecation(node.Directives),
            Node = node,
        };
    }

    private List<InterfaceType> BuildInterfaces(string typeName, IEnumerable<NamedTypeNode> nodes)
    {
        var result = new List<InterfaceType>();
        foreach (var node in nodes)
        {
            var t = ResolveNamed(node);
            if (t is null) continue;
            if (t is not InterfaceType iface)
            {
                Problem($"Type {typeName} must only implement Interface types, it cannot implement {t.Name}.", node);
                continue;
            }

            if (result.Contains(iface))
            {
                Problem($"Type {typeName} can only implement {iface.Name} once.", node);
                continue;
            }

            result.Add(iface);
        }

        return result;
    }

    private static string? Deprecation(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name.Value != "deprecated") continue;
            foreach (var arg in directive.Arguments)
                if (arg.Name.Value == "reason" && arg.Value is StringValueNode s) return s.Value;
            return "No longer supported";
        }

        return null;
    }
}
