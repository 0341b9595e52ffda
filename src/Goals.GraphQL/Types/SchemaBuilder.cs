using Goals.GraphQL.Execution;
using Goals.GraphQL.Introspection;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Types;

/// <summary>
/// Builds a schema from SDL text and binds resolvers once at start-up. <see cref="Build"/> fails with every problem
/// listed (invalid SDL, schema validation errors, unbound fields, bindings to unknown types or fields).
/// </summary>
public sealed partial class SchemaBuilder
{
    private readonly List<string> _sdl = [];
    private readonly List<DocumentNode> _documents = [];
    private readonly Dictionary<string, ScalarType> _scalars = new(StringComparer.Ordinal);
    private readonly List<(string Type, string Field, FieldResolver Resolver)> _fieldBindings = [];
    private readonly Dictionary<string, FieldResolver> _defaultResolvers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeResolver> _typeResolvers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, object>> _enumValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _clrTypes = new(StringComparer.Ordinal);
    private readonly List<string> _bindingProblems = [];

    /// <summary>Adds SDL (definitions and extensions); may be called several times.</summary>
    public SchemaBuilder AddTypeDefinitions(string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        _sdl.Add(sdl);
        return this;
    }

    /// <summary>Adds already parsed SDL.</summary>
    public SchemaBuilder AddTypeDefinitions(DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _documents.Add(document);
        return this;
    }

    /// <summary>Supplies the implementation of a scalar declared in SDL (`scalar UUID`).</summary>
    public SchemaBuilder AddScalar(ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        if (!_scalars.TryAdd(scalar.Name, scalar)) _bindingProblems.Add($"Scalar \"{scalar.Name}\" was added more than once.");
        return this;
    }

    public SchemaBuilder BindField(string typeName, string fieldName, FieldResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _fieldBindings.Add((typeName, fieldName, resolver));
        return this;
    }

    /// <summary>Typed binding of an object type's fields: synchronous getters or async resolvers.
    /// The CLR type also identifies the object type at runtime for interfaces/unions without a type resolver.</summary>
    public SchemaBuilder BindType<TSource>(string typeName, Action<ObjectBinder<TSource>> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var binder = new ObjectBinder<TSource>();
        bind(binder);
        foreach (var (field, resolver) in binder.Bindings) _fieldBindings.Add((typeName, field, resolver));
        if (typeof(TSource) != typeof(object)) _clrTypes[typeName] = typeof(TSource);
        return this;
    }

    /// <summary>Resolver used for every field of the type that has no explicit binding (e.g. dictionary-shaped test data).</summary>
    public SchemaBuilder BindDefaultFieldResolver(string typeName, FieldResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _defaultResolvers[typeName] = resolver;
        return this;
    }

    public SchemaBuilder BindTypeResolver(string abstractTypeName, TypeResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _typeResolvers[abstractTypeName] = resolver;
        return this;
    }

    /// <summary>Internal values for an enum's values (default: the value's name as a string).</summary>
    public SchemaBuilder BindEnumValues(string enumName, IReadOnlyDictionary<string, object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _enumValues[enumName] = values;
        return this;
    }

    /// <summary>A resolver that reads the field's response name from an IReadOnlyDictionary&lt;string, object?&gt; or
    /// IDictionary&lt;string, object?&gt; source (missing keys give null). Handy for tests and dictionary-shaped data.</summary>
    public static FieldResolver DictionaryResolver { get; } = static context =>
    {
        var name = context.Field.Name;
        return context.Source switch
        {
            IReadOnlyDictionary<string, object?> d => new ValueTask<object?>(d.TryGetValue(name, out var v) ? v : null),
            IDictionary<string, object?> d2 => new ValueTask<object?>(d2.TryGetValue(name, out var v2) ? v2 : null),
            _ => new ValueTask<object?>((object?)null),
        };
    };

    public Schema Build()
    {
        var problems = new List<string>(_bindingProblems);
        var documents = new List<DocumentNode>(_documents);
        for (var i = 0; i < _sdl.Count; i++)
        {
            try
            {
                documents.Add(Parser.Parse(_sdl[i], new ParserOptions { MaxDocumentLength = int.MaxValue, MaxTokens = int.MaxValue }));
            }
            catch (GraphQLSyntaxException ex)
            {
                problems.Add($"Syntax error in type definitions #{i + 1} at {ex.Line}:{ex.Column}: {ex.Message}");
            }
        }

        // With unparsable SDL every later check would only report follow-on noise.
        if (problems.Count > 0 && documents.Count < _sdl.Count + _documents.Count) throw new SchemaBuildException(problems);
        var state = new BuildState(this, problems);
        var schema = state.Build(documents);
        if (problems.Count > 0) throw new SchemaBuildException(problems);
        return schema!;
    }

    private sealed class BuildState(SchemaBuilder builder, List<string> problems)
    {
        private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TypeDefinitionNode> _definitions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<TypeDefinitionNode>> _extensions = new(StringComparer.Ordinal);
        private readonly List<string> _typeOrder = [];
        private readonly Dictionary<string, DirectiveDefinition> _directives = new(StringComparer.Ordinal);

        private void Problem(string message, SyntaxNode? node = null) =>
            problems.Add(node is null || node.Location.Line == 0 ? message : $"{message} ({node.Location.Line}:{node.Location.Column})");

        public Schema? Build(List<DocumentNode> documents)
        {
            var schemaDefinitions = new List<SchemaDefinitionNode>();
            var schemaExtensions = new List<SchemaExtensionNode>();
            var directiveNodes = new List<DirectiveDefinitionNode>();
            foreach (var document in documents)
            {
                foreach (var definition in document.Definitions)
                {
                    switch (definition)
                    {
                        case SchemaDefinitionNode sd: schemaDefinitions.Add(sd); break;
                        case SchemaExtensionNode se: schemaExtensions.Add(se); break;
                        case DirectiveDefinitionNode dd: directiveNodes.Add(dd); break;
                        case TypeDefinitionNode td when td.IsExtension:
                            if (!_extensions.TryGetValue(td.Name.Value, out var list)) _extensions[td.Name.Value] = list = [];
                            list.Add(td);
                            break;
                        case TypeDefinitionNode td:
                            if (_definitions.ContainsKey(td.Name.Value))
                                Problem($"There can be only one type named \"{td.Name.Value}\".", td.Name);
                            else
                            {
                                _definitions[td.Name.Value] = td;
                                _typeOrder.Add(td.Name.Value);
                            }

                            break;
                        default:
                            Problem("Type definitions must not contain operations or fragments.", definition);
                            break;
                    }
                }
            }

            if (schemaDefinitions.Count > 1) Problem("Must provide only one schema definition.", schemaDefinitions[1]);

            CreateNamedTypes();
            CreateDirectives(directiveNodes);
            foreach (var name in _typeOrder) FillType(name);
            foreach (var (name, exts) in _extensions)
                if (!_definitions.ContainsKey(name) && !IsBuiltInName(name))
                    Problem($"Cannot extend type \"{name}\" because it is not defined.", exts[0].Name);

            // Root operation types.
            ObjectType? query = null, mutation = null, subscription = null;
            var rootNodes = new List<OperationTypeDefinitionNode>();
            if (schemaDefinitions.Count > 0) rootNodes.AddRange(schemaDefinitions[0].OperationTypes);
            foreach (var ext in schemaExtensions) rootNodes.AddRange(ext.OperationTypes);
            var seenOps = new HashSet<OperationType>();
            foreach (var op in rootNodes)
            {
                if (!seenOps.Add(op.Operation))
                    Problem($"There can be only one {op.Operation.ToString().ToLowerInvariant()} type in schema.", op);
                var type = ResolveNamed(op.Type);
                if (type is null) continue;
                if (type is not ObjectType obj)
                {
                    Problem($"{op.Operation} root type must be Object type{(op.Operation == OperationType.Query ? "" : " if provided")}, it cannot be {type.Name}.", op);
                    continue;
                }

                switch (op.Operation)
                {
                    case OperationType.Query: query = obj; break;
                    case OperationType.Mutation: mutation = obj; break;
                    default: subscription = obj; break;
                }
            }

            if (schemaDefinitions.Count == 0)
            {
                // graphql-js buildASTSchema: without a schema definition, types named Query/Mutation/Subscription are the roots.
                query = DefaultRoot("Query", "Query root type must be Object type, it cannot be Query.") ?? query;
                mutation = DefaultRoot("Mutation", "Mutation root type must be Object type if provided, it cannot be Mutation.") ?? mutation;
                subscription = DefaultRoot("Subscription", "Subscription root type must be Object type if provided, it cannot be Subscription.") ?? subscription;
            }

            if (query is null && !problems.Any(p => p.StartsWith("Query root type", StringComparison.Ordinal)))
                Problem("Query root type must be provided.");

            ValidateDirectiveUsages(schemaDefinitions, schemaExtensions);
            ApplyBindings();
            CoerceDefaults();

            var typeList = OrderTypes(query, mutation, subscription);
            var typeMap = new Dictionary<string, NamedType>(StringComparer.Ordinal);
            foreach (var t in typeList) typeMap[t.Name] = t;

            var possible = new Dictionary<string, IReadOnlyList<ObjectType>>(StringComparer.Ordinal);
            foreach (var t in typeList)
            {
                if (t is UnionType u) possible[u.Name] = u.Types;
                else if (t is InterfaceType iface)
                {
                    var impls = new List<ObjectType>();
                    foreach (var candidate in typeList)
                        if (candidate is ObjectType o && o.Interfaces.Contains(iface)) impls.Add(o);
                    possible[iface.Name] = impls;
                }
            }

            var description = schemaDefinitions.Count > 0 ? schemaDefinitions[0].Description?.Value : null;
            if (query is null) return null;
            var schema = new Schema(query, mutation, subscription, typeMap, _directives, description)
            {
                PossibleTypes = possible,
                TypeList = typeList,
            };
            new SchemaValidator(schema, problems).Validate(_typeOrder.Where(_types.ContainsKey).Select(n => _types[n]).ToList());
            CheckResolvers(schema);
            return schema;
        }

        private ObjectType? DefaultRoot(string name, string wrongKind)
        {
            if (!_types.TryGetValue(name, out var type)) return null;
            if (type is ObjectType obj) return obj;
            Problem(wrongKind);
            return null;
        }

        private static bool IsBuiltInName(string name) =>
            name is "String" or "Int" or "Float" or "Boolean" or "ID" || IntrospectionTypes.ByName.ContainsKey(name);

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
            foreach (var name in builder._scalars.Keys)
                if (!_definitions.ContainsKey(name))
                    Problem($"Scalar \"{name}\" was added with AddScalar but is not declared in the type definitions (add `scalar {name}`).");
        }

        private ScalarType? CreateScalar(string name, TypeDefinitionNode node)
        {
            if (!builder._scalars.TryGetValue(name, out var scalar))
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
                    if (ext.GetType() != definition.GetType())
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

        private void ApplyBindings()
        {
            foreach (var (typeName, fieldName, resolver) in builder._fieldBindings)
            {
                if (!_types.TryGetValue(typeName, out var type) || IntrospectionTypes.ByName.ContainsKey(typeName))
                {
                    Problem($"Resolver bound to unknown type \"{typeName}\" (field \"{fieldName}\").");
                    continue;
                }

                if (type is not ObjectType obj)
                {
                    Problem($"Resolver bound to \"{typeName}.{fieldName}\", but \"{typeName}\" is not an object type.");
                    continue;
                }

                if (!obj.Fields.TryGetValue(fieldName, out var field))
                {
                    Problem($"Resolver bound to unknown field \"{typeName}.{fieldName}\"." +
                            Suggestions.DidYouMean(Suggestions.SuggestionList(fieldName, obj.Fields.Keys)));
                    continue;
                }

                if (field.Resolver is not null)
                {
                    Problem($"Field \"{typeName}.{fieldName}\" is bound more than once.");
                    continue;
                }

                field.Resolver = resolver;
            }

            foreach (var (typeName, resolver) in builder._defaultResolvers)
            {
                if (!_types.TryGetValue(typeName, out var type) || type is not ObjectType obj || IntrospectionTypes.ByName.ContainsKey(typeName))
                {
                    Problem($"Default field resolver bound to \"{typeName}\", which is not an object type of the schema.");
                    continue;
                }

                foreach (var field in obj.Fields.Values) field.Resolver ??= resolver;
            }

            foreach (var (typeName, resolver) in builder._typeResolvers)
            {
                switch (_types.GetValueOrDefault(typeName))
                {
                    case InterfaceType iface: iface.ResolveType = resolver; break;
                    case UnionType union: union.ResolveType = resolver; break;
                    default:
                        Problem($"Type resolver bound to \"{typeName}\", which is not an interface or union of the schema.");
                        break;
                }
            }

            foreach (var (enumName, values) in builder._enumValues)
            {
                if (_types.GetValueOrDefault(enumName) is not EnumType enumType || IntrospectionTypes.ByName.ContainsKey(enumName))
                {
                    Problem($"Enum values bound to \"{enumName}\", which is not an enum of the schema.");
                    continue;
                }

                foreach (var (valueName, value) in values)
                {
                    if (!enumType.Values.TryGetValue(valueName, out var def))
                        Problem($"Enum value bound to unknown value \"{enumName}.{valueName}\".");
                    else def.Value = value;
                }

                var distinct = new HashSet<object>();
                foreach (var def in enumType.Values.Values)
                    if (!distinct.Add(def.Value))
                        Problem($"Enum \"{enumName}\" has two values with the same internal value {Inspect.Value(def.Value)}.");
            }

            foreach (var type in _types.Values)
                if (type is EnumType e) e.FreezeValues();
        }

        private void CoerceDefaults()
        {
            foreach (var name in _typeOrder)
            {
                switch (_types[name])
                {
                    case IFieldsContainer container:
                        foreach (var field in container.Fields.Values)
                            foreach (var arg in field.Arguments.Values)
                                CoerceDefault(arg, $"{name}.{field.Name}({arg.Name}:)");
                        break;
                    case InputObjectType input:
                        foreach (var field in input.Fields.Values) CoerceDefault(field, $"{name}.{field.Name}");
                        break;
                }
            }

            foreach (var directive in _directives.Values)
                foreach (var arg in directive.Arguments.Values)
                    CoerceDefault(arg, $"@{directive.Name}({arg.Name}:)");
        }

        private void CoerceDefault(InputValueDefinition value, string coordinate)
        {
            if (value.DefaultValue is null || !value.Type.IsInputType) return;
            if (value.DefaultValue is VariableNode || Values.ValueFromAst(value.DefaultValue, value.Type, null) is var coerced && coerced == Values.Undefined)
            {
                Problem($"Default value of {coordinate} is invalid for type \"{value.Type}\": {Inspect.Literal(value.DefaultValue)}.", value.DefaultValue);
                return;
            }

            value.CoercedDefaultValue = coerced;
        }

        /// <summary>graphql-js GraphQLSchema type map order (collectReferencedTypes).</summary>
        private List<NamedType> OrderTypes(ObjectType? query, ObjectType? mutation, ObjectType? subscription)
        {
            var set = new List<NamedType>();
            foreach (var name in _typeOrder) set.Add(_types[name]);

            var ordered = new List<NamedType>(set);
            var present = new HashSet<NamedType>(set);

            void Collect(GraphQLType type)
            {
                var named = type.Named;
                if (!present.Add(named)) return;
                ordered.Add(named);
                switch (named)
                {
                    case UnionType u:
                        foreach (var m in u.Types) Collect(m);
                        break;
                    case IFieldsContainer c:
                        foreach (var i in c.Interfaces) Collect(i);
                        foreach (var f in c.Fields.Values)
                        {
                            Collect(f.Type);
                            foreach (var a in f.Arguments.Values) Collect(a.Type);
                        }

                        break;
                    case InputObjectType io:
                        foreach (var f in io.Fields.Values) Collect(f.Type);
                        break;
                }
            }

            foreach (var t in set)
            {
                ordered.Remove(t);
                present.Remove(t);
                Collect(t);
            }

            if (query is not null) Collect(query);
            if (mutation is not null) Collect(mutation);
            if (subscription is not null) Collect(subscription);
            foreach (var d in _directives.Values)
                foreach (var a in d.Arguments.Values)
                    Collect(a.Type);
            Collect(IntrospectionTypes.SchemaType);
            return ordered;
        }

        private void CheckResolvers(Schema schema)
        {
            foreach (var type in schema.TypeList)
            {
                if (IntrospectionTypes.ByName.ContainsKey(type.Name)) continue;
                if (type is ObjectType obj)
                {
                    foreach (var field in obj.Fields.Values)
                        if (field.Resolver is null)
                            Problem($"Field \"{obj.Name}.{field.Name}\" has no resolver: bind it (BindField/BindType) or bind a default field resolver for \"{obj.Name}\".");
                }
                else if (type is InterfaceType or UnionType)
                {
                    var current = type is InterfaceType i ? i.ResolveType : ((UnionType)type).ResolveType;
                    if (current is not null) continue;
                    var possible = schema.GetPossibleTypes(type);
                    if (possible.Count == 0) continue;
                    var byClr = new List<(Type Clr, string Name)>();
                    var missing = new List<string>();
                    foreach (var o in possible)
                    {
                        if (builder._clrTypes.TryGetValue(o.Name, out var clr)) byClr.Add((clr, o.Name));
                        else missing.Add(o.Name);
                    }

                    if (missing.Count > 0 || byClr.Select(p => p.Clr).Distinct().Count() != byClr.Count)
                    {
                        Problem($"Abstract type \"{type.Name}\" has no type resolver: call BindTypeResolver(\"{type.Name}\", ...) " +
                                "(or bind each possible type with BindType<T> using a distinct CLR type).");
                        continue;
                    }

                    var resolver = ClrTypeResolver(byClr);
                    if (type is InterfaceType iface) iface.ResolveType = resolver;
                    else ((UnionType)type).ResolveType = resolver;
                }
            }
        }

        private static TypeResolver ClrTypeResolver(List<(Type Clr, string Name)> candidates)
        {
            var exact = new Dictionary<Type, string>();
            foreach (var (clr, name) in candidates) exact[clr] = name;
            return (value, _) =>
            {
                if (exact.TryGetValue(value.GetType(), out var name)) return name;
                foreach (var (clr, n) in candidates)
                    if (clr.IsInstanceOfType(value)) return n;
                return null;
            };
        }
    }
}

/// <summary>Collects a CLR type's field bindings for <see cref="SchemaBuilder.BindType{TSource}"/>.</summary>
public sealed class ObjectBinder<TSource>
{
    internal List<(string Field, FieldResolver Resolver)> Bindings { get; } = [];

    /// <summary>A synchronous getter: no Task allocation, no reflection.</summary>
    public ObjectBinder<TSource> Field(string name, Func<TSource, object?> getter)
    {
        ArgumentNullException.ThrowIfNull(getter);
        Bindings.Add((name, context => new ValueTask<object?>(getter((TSource)context.Source!))));
        return this;
    }

    public ObjectBinder<TSource> Field(string name, Func<TSource, IResolverContext, ValueTask<object?>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Bindings.Add((name, context => resolver((TSource)context.Source!, context)));
        return this;
    }
}

/// <summary>Thrown by <see cref="SchemaBuilder.Build"/>; the message lists every problem, one per line.</summary>
public sealed class SchemaBuildException : Exception
{
    public SchemaBuildException(IReadOnlyList<string> problems)
        : base("Invalid schema:" + Environment.NewLine + string.Join(Environment.NewLine, problems)) => Problems = problems;

    public SchemaBuildException() : this([]) { }
    public SchemaBuildException(string message) : this([message]) { }
    public SchemaBuildException(string message, Exception inner) : base(message, inner) => Problems = [message];

    public IReadOnlyList<string> Problems { get; } = [];
}
