using Goals.GraphQL.Introspection;
using Goals.GraphQL.Language;

namespace Goals.GraphQL.Types.Building;

/// <summary>One <see cref="SchemaBuilder.Build"/> run: SDL definitions to named types, root operation types and the
/// assembled <see cref="Schema"/>. Every problem found is added to the shared list; the other parts of this class
/// build the types' members, check directives, apply the bindings, coerce defaults and order the type map.</summary>
internal sealed partial class SchemaBuildState
{
    private readonly SchemaBindings _bindings;
    private readonly List<string> _problems;

    private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeDefinitionNode> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TypeDefinitionNode>> _extensions = new(StringComparer.Ordinal);
    private readonly List<string> _typeOrder = [];
    private readonly Dictionary<string, DirectiveDefinition> _directives = new(StringComparer.Ordinal);

    private void Problem(string message, SyntaxNode? node = null) =>
        _problems.Add(node is null || node.Location.Line == 0 ? message : $"{message} ({node.Location.Line}:{node.Location.Column})");


    public SchemaBuildState(SchemaBindings bindings, List<string> problems)
    {
        _bindings = bindings;
        _problems = problems;
    }

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
                        {
                            Problem($"There can be only one type named \"{td.Name.Value}\".", td.Name);
                        }
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
        {
            if (!_definitions.ContainsKey(name) && !IsBuiltInName(name))
                Problem($"Cannot extend type \"{name}\" because it is not defined.", exts[0].Name);
        }

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

        if (query is null && !_problems.Any(p => p.StartsWith("Query root type", StringComparison.Ordinal)))
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
            if (t is UnionType u)
            {
                possible[u.Name] = u.Types;
            }
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
        new SchemaValidator(schema, _problems).Validate(_typeOrder.Where(_types.ContainsKey).Select(n => _types[n]).ToList());
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
}
