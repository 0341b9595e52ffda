using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;

namespace Goals.GraphQL.Introspection;

/// <summary>
/// The introspection types of spec §4 (as graphql-js 16.15 defines them, incl. isOneOf and directive deprecation) and the
/// meta fields __schema, __type and __typename. They are shared by every schema: resolvers read the schema from the context.
/// </summary>
public static partial class IntrospectionTypes
{
    public static ObjectType SchemaType { get; }
    public static ObjectType TypeType { get; }
    public static EnumType TypeKindType { get; }
    public static ObjectType FieldType { get; }
    public static ObjectType InputValueType { get; }
    public static ObjectType EnumValueType { get; }
    public static ObjectType DirectiveType { get; }
    public static EnumType DirectiveLocationType { get; }

    public static FieldDefinition SchemaMetaField { get; }
    public static FieldDefinition TypeMetaField { get; }
    public static FieldDefinition TypeNameMetaField { get; }

    public static IReadOnlyList<NamedType> All { get; }
    public static IReadOnlyDictionary<string, NamedType> ByName { get; }

    public static DirectiveDefinition IncludeDirective { get; }
    public static DirectiveDefinition SkipDirective { get; }
    public static DirectiveDefinition DeprecatedDirective { get; }
    public static DirectiveDefinition SpecifiedByDirective { get; }
    public static DirectiveDefinition OneOfDirective { get; }
    public static IReadOnlyList<DirectiveDefinition> SpecifiedDirectives { get; }

    public const string DefaultDeprecationReason = "No longer supported";

    private static NonNullType NN(GraphQLType t) => new(t);
    private static ListType L(GraphQLType t) => new(t);
    private static ScalarType Str => BuiltInScalars.String;
    private static ScalarType Bool => BuiltInScalars.Boolean;

    private static ValueTask<object?> V(object? value) => new(value);

    private static FieldDefinition F(string name, GraphQLType type, FieldResolver resolver, string? description = null,
        IReadOnlyDictionary<string, InputValueDefinition>? args = null) =>
        new(name, type) { Description = description, Resolver = resolver, Arguments = args ?? FieldDefinition.EmptyArguments };

    private static Dictionary<string, InputValueDefinition> IncludeDeprecatedArg(bool nonNull) => new()
    {
        ["includeDeprecated"] = new InputValueDefinition("includeDeprecated", nonNull ? NN(Bool) : Bool)
        {
            DefaultValue = new BooleanValueNode { Value = false },
            CoercedDefaultValue = false,
        },
    };

    private static bool IncludeDeprecated(IResolverContext c) =>
        c.Arguments.TryGetValue("includeDeprecated", out var v) && v is true;

    private static Dictionary<string, FieldDefinition> Fields(params FieldDefinition[] fields)
    {
        var d = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        foreach (var f in fields) d[f.Name] = f;
        return d;
    }

    private static EnumType Enum(string name, string description, params (string Name, string Description)[] values)
    {
        var e = new EnumType(name, description);
        var d = new Dictionary<string, EnumValueDefinition>(StringComparer.Ordinal);
        foreach (var (n, desc) in values) d[n] = new EnumValueDefinition(n) { Description = desc };
        e.Values = d;
        e.FreezeValues();
        return e;
    }

    static IntrospectionTypes()
    {
        SchemaType = new ObjectType("__Schema",
            "A GraphQL Schema defines the capabilities of a GraphQL server. It exposes all available types and directives on the server, as well as the entry points for query, mutation, and subscription operations.");
        TypeType = new ObjectType("__Type",
            "The fundamental unit of any GraphQL Schema is the type. There are many kinds of types in GraphQL as represented by the `__TypeKind` enum.\n\nDepending on the kind of a type, certain fields describe information about that type. Scalar types provide no information beyond a name, description and optional `specifiedByURL`, while Enum types provide their values. Object and Interface types provide the fields they describe. Abstract types, Union and Interface, provide the Object types possible at runtime. List and NonNull types compose other types.");
        TypeKindType = Enum("__TypeKind", "An enum describing what kind of type a given `__Type` is.",
            ("SCALAR", "Indicates this type is a scalar."),
            ("OBJECT", "Indicates this type is an object. `fields` and `interfaces` are valid fields."),
            ("INTERFACE", "Indicates this type is an interface. `fields`, `interfaces`, and `possibleTypes` are valid fields."),
            ("UNION", "Indicates this type is a union. `possibleTypes` is a valid field."),
            ("ENUM", "Indicates this type is an enum. `enumValues` is a valid field."),
            ("INPUT_OBJECT", "Indicates this type is an input object. `inputFields` is a valid field."),
            ("LIST", "Indicates this type is a list. `ofType` is a valid field."),
            ("NON_NULL", "Indicates this type is a non-null. `ofType` is a valid field."));
        FieldType = new ObjectType("__Field",
            "Object and Interface types are described by a list of Fields, each of which has a name, potentially a list of arguments, and a return type.");
        InputValueType = new ObjectType("__InputValue",
            "Arguments provided to Fields or Directives and the input fields of an InputObject are represented as Input Values which describe their type and optionally a default value.");
        EnumValueType = new ObjectType("__EnumValue",
            "One possible value for a given Enum. Enum values are unique values, not a placeholder for a string or numeric value. However an Enum value is returned in a JSON response as a string.");
        DirectiveType = new ObjectType("__Directive",
            "A Directive provides a way to describe alternate runtime execution and type validation behavior in a GraphQL document.\n\nIn some cases, you need to provide options to alter GraphQL's execution behavior in ways field arguments will not suffice, such as conditionally including or skipping a field. Directives provide this by describing additional information to the executor.");
        DirectiveLocationType = Enum("__DirectiveLocation",
            "A Directive can be adjacent to many parts of the GraphQL language, a __DirectiveLocation describes one such possible adjacencies.",
            ("QUERY", "Location adjacent to a query operation."),
            ("MUTATION", "Location adjacent to a mutation operation."),
            ("SUBSCRIPTION", "Location adjacent to a subscription operation."),
            ("FIELD", "Location adjacent to a field."),
            ("FRAGMENT_DEFINITION", "Location adjacent to a fragment definition."),
            ("FRAGMENT_SPREAD", "Location adjacent to a fragment spread."),
            ("INLINE_FRAGMENT", "Location adjacent to an inline fragment."),
            ("VARIABLE_DEFINITION", "Location adjacent to a variable definition."),
            ("SCHEMA", "Location adjacent to a schema definition."),
            ("SCALAR", "Location adjacent to a scalar definition."),
            ("OBJECT", "Location adjacent to an object type definition."),
            ("FIELD_DEFINITION", "Location adjacent to a field definition."),
            ("ARGUMENT_DEFINITION", "Location adjacent to an argument definition."),
            ("INTERFACE", "Location adjacent to an interface definition."),
            ("UNION", "Location adjacent to a union definition."),
            ("ENUM", "Location adjacent to an enum definition."),
            ("ENUM_VALUE", "Location adjacent to an enum value definition."),
            ("INPUT_OBJECT", "Location adjacent to an input object type definition."),
            ("INPUT_FIELD_DEFINITION", "Location adjacent to an input object field definition."),
            ("DIRECTIVE_DEFINITION", "Location adjacent to a directive definition."));

        SchemaType.Fields = Fields(
            F("description", Str, c => V(((Schema)c.Source!).Description)),
            F("types", NN(L(NN(TypeType))), c => V(((Schema)c.Source!).TypeList), "A list of all types supported by this server."),
            F("queryType", NN(TypeType), c => V(((Schema)c.Source!).QueryType), "The type that query operations will be rooted at."),
            F("mutationType", TypeType, c => V(((Schema)c.Source!).MutationType),
                "If this server supports mutation, the type that mutation operations will be rooted at."),
            F("subscriptionType", TypeType, c => V(((Schema)c.Source!).SubscriptionType),
                "If this server support subscription, the type that subscription operations will be rooted at."),
            F("directives", NN(L(NN(DirectiveType))), c =>
            {
                var include = IncludeDeprecated(c);
                var list = new List<DirectiveDefinition>();
                foreach (var d in ((Schema)c.Source!).Directives.Values)
                    if (include || !d.IsDeprecated) list.Add(d);
                return V(list);
            }, "A list of all directives supported by this server.", IncludeDeprecatedArg(nonNull: true)));

        TypeType.Fields = Fields(
            F("kind", NN(TypeKindType), c => V(KindName(((GraphQLType)c.Source!).Kind))),
            F("name", Str, c => V((c.Source as NamedType)?.Name)),
            F("description", Str, c => V((c.Source as NamedType)?.Description)),
            F("specifiedByURL", Str, c => V((c.Source as ScalarType)?.SpecifiedByUrl)),
            F("fields", L(NN(FieldType)), c =>
            {
                if (c.Source is not (ObjectType or InterfaceType)) return V(null);
                var include = IncludeDeprecated(c);
                var list = new List<FieldDefinition>();
                foreach (var f in ((IFieldsContainer)c.Source).Fields.Values)
                    if (include || !f.IsDeprecated) list.Add(f);
                return V(list);
            }, args: IncludeDeprecatedArg(nonNull: false)),
            F("interfaces", L(NN(TypeType)), c => V(c.Source is ObjectType or InterfaceType ? ((IFieldsContainer)c.Source).Interfaces : null)),
            F("possibleTypes", L(NN(TypeType)), c => V(c.Source is UnionType or InterfaceType ? c.Schema.GetPossibleTypes((NamedType)c.Source) : null)),
            F("enumValues", L(NN(EnumValueType)), c =>
            {
                if (c.Source is not EnumType e) return V(null);
                var include = IncludeDeprecated(c);
                var list = new List<EnumValueDefinition>();
                foreach (var v in e.Values.Values)
                    if (include || !v.IsDeprecated) list.Add(v);
                return V(list);
            }, args: IncludeDeprecatedArg(nonNull: false)),
            F("inputFields", L(NN(InputValueType)), c =>
            {
                if (c.Source is not InputObjectType io) return V(null);
                var include = IncludeDeprecated(c);
                var list = new List<InputValueDefinition>();
                foreach (var v in io.Fields.Values)
                    if (include || !v.IsDeprecated) list.Add(v);
                return V(list);
            }, args: IncludeDeprecatedArg(nonNull: false)),
            F("ofType", TypeType, c => V(c.Source switch
            {
                ListType l => l.OfType,
                NonNullType n => n.OfType,
                _ => null,
            })),
            F("isOneOf", Bool, c => V(c.Source is InputObjectType io ? io.IsOneOf : null)));

        FieldType.Fields = Fields(
            F("name", NN(Str), c => V(((FieldDefinition)c.Source!).Name)),
            F("description", Str, c => V(((FieldDefinition)c.Source!).Description)),
            F("args", NN(L(NN(InputValueType))), c => V(FilterArgs(((FieldDefinition)c.Source!).Arguments, IncludeDeprecated(c))),
                args: IncludeDeprecatedArg(nonNull: false)),
            F("type", NN(TypeType), c => V(((FieldDefinition)c.Source!).Type)),
            F("isDeprecated", NN(Bool), c => V(((FieldDefinition)c.Source!).IsDeprecated)),
            F("deprecationReason", Str, c => V(((FieldDefinition)c.Source!).DeprecationReason)));

        InputValueType.Fields = Fields(
            F("name", NN(Str), c => V(((InputValueDefinition)c.Source!).Name)),
            F("description", Str, c => V(((InputValueDefinition)c.Source!).Description)),
            F("type", NN(TypeType), c => V(((InputValueDefinition)c.Source!).Type)),
            F("defaultValue", Str, c => V(PrintDefaultValue((InputValueDefinition)c.Source!)),
                "A GraphQL-formatted string representing the default value for this input value."),
            F("isDeprecated", NN(Bool), c => V(((InputValueDefinition)c.Source!).IsDeprecated)),
            F("deprecationReason", Str, c => V(((InputValueDefinition)c.Source!).DeprecationReason)));

        EnumValueType.Fields = Fields(
            F("name", NN(Str), c => V(((EnumValueDefinition)c.Source!).Name)),
            F("description", Str, c => V(((EnumValueDefinition)c.Source!).Description)),
            F("isDeprecated", NN(Bool), c => V(((EnumValueDefinition)c.Source!).IsDeprecated)),
            F("deprecationReason", Str, c => V(((EnumValueDefinition)c.Source!).DeprecationReason)));

        DirectiveType.Fields = Fields(
            F("name", NN(Str), c => V(((DirectiveDefinition)c.Source!).Name)),
            F("description", Str, c => V(((DirectiveDefinition)c.Source!).Description)),
            F("isRepeatable", NN(Bool), c => V(((DirectiveDefinition)c.Source!).IsRepeatable)),
            F("locations", NN(L(NN(DirectiveLocationType))), c => V(LocationNames((DirectiveDefinition)c.Source!))),
            F("args", NN(L(NN(InputValueType))), c => V(FilterArgs(((DirectiveDefinition)c.Source!).Arguments, IncludeDeprecated(c))),
                args: IncludeDeprecatedArg(nonNull: false)),
            F("isDeprecated", NN(Bool), c => V(((DirectiveDefinition)c.Source!).IsDeprecated)),
            F("deprecationReason", Str, c => V(((DirectiveDefinition)c.Source!).DeprecationReason)));

        SchemaMetaField = F("__schema", NN(SchemaType), c => V(c.Schema), "Access the current type schema of this server.");
        TypeMetaField = F("__type", TypeType, c => V(c.Arguments.TryGetValue("name", out var n) && n is string name ? c.Schema.GetType(name) : null),
            "Request the type information of a single type.",
            new Dictionary<string, InputValueDefinition> { ["name"] = new("name", NN(Str)) });
        TypeNameMetaField = F("__typename", NN(Str), c => V(c.ParentType.Name), "The name of the current Object type at runtime.");

        All = [SchemaType, TypeType, TypeKindType, FieldType, InputValueType, EnumValueType, DirectiveType, DirectiveLocationType];
        var byName = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        foreach (var t in All) byName[t.Name] = t;
        ByName = byName;

        IncludeDirective = new DirectiveDefinition("include", DirectiveLocation.Field | DirectiveLocation.FragmentSpread | DirectiveLocation.InlineFragment)
        {
            Description = "Directs the executor to include this field or fragment only when the `if` argument is true.",
            Arguments = new Dictionary<string, InputValueDefinition> { ["if"] = new("if", NN(Bool)) { Description = "Included when true." } },
        };
        SkipDirective = new DirectiveDefinition("skip", DirectiveLocation.Field | DirectiveLocation.FragmentSpread | DirectiveLocation.InlineFragment)
        {
            Description = "Directs the executor to skip this field or fragment when the `if` argument is true.",
            Arguments = new Dictionary<string, InputValueDefinition> { ["if"] = new("if", NN(Bool)) { Description = "Skipped when true." } },
        };
        DeprecatedDirective = new DirectiveDefinition("deprecated",
            DirectiveLocation.FieldDefinition | DirectiveLocation.ArgumentDefinition | DirectiveLocation.InputFieldDefinition |
            DirectiveLocation.EnumValue | DirectiveLocation.DirectiveDefinition)
        {
            Description = "Marks an element of a GraphQL schema as no longer supported.",
            Arguments = new Dictionary<string, InputValueDefinition>
            {
                ["reason"] = new("reason", Str)
                {
                    Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                    DefaultValue = new StringValueNode { Value = DefaultDeprecationReason },
                    CoercedDefaultValue = DefaultDeprecationReason,
                },
            },
        };
        SpecifiedByDirective = new DirectiveDefinition("specifiedBy", DirectiveLocation.Scalar)
        {
            Description = "Exposes a URL that specifies the behavior of this scalar.",
            Arguments = new Dictionary<string, InputValueDefinition>
            {
                ["url"] = new("url", NN(Str)) { Description = "The URL that specifies the behavior of this scalar." },
            },
        };
        OneOfDirective = new DirectiveDefinition("oneOf", DirectiveLocation.InputObject)
        {
            Description = "Indicates exactly one field must be supplied and this field must not be `null`.",
        };
        SpecifiedDirectives = [IncludeDirective, SkipDirective, DeprecatedDirective, SpecifiedByDirective, OneOfDirective];
    }

    private static List<InputValueDefinition> FilterArgs(IReadOnlyDictionary<string, InputValueDefinition> args, bool include)
    {
        var list = new List<InputValueDefinition>(args.Count);
        foreach (var a in args.Values)
            if (include || !a.IsDeprecated) list.Add(a);
        return list;
    }

    private static string KindName(TypeKind kind) => kind switch
    {
        TypeKind.Scalar => "SCALAR",
        TypeKind.Object => "OBJECT",
        TypeKind.Interface => "INTERFACE",
        TypeKind.Union => "UNION",
        TypeKind.Enum => "ENUM",
        TypeKind.InputObject => "INPUT_OBJECT",
        TypeKind.List => "LIST",
        _ => "NON_NULL",
    };

    private static readonly (DirectiveLocation Location, string Name)[] LocationOrder =
    [
        (DirectiveLocation.Query, "QUERY"), (DirectiveLocation.Mutation, "MUTATION"), (DirectiveLocation.Subscription, "SUBSCRIPTION"),
        (DirectiveLocation.Field, "FIELD"), (DirectiveLocation.FragmentDefinition, "FRAGMENT_DEFINITION"),
        (DirectiveLocation.FragmentSpread, "FRAGMENT_SPREAD"), (DirectiveLocation.InlineFragment, "INLINE_FRAGMENT"),
        (DirectiveLocation.VariableDefinition, "VARIABLE_DEFINITION"), (DirectiveLocation.Schema, "SCHEMA"),
        (DirectiveLocation.Scalar, "SCALAR"), (DirectiveLocation.Object, "OBJECT"), (DirectiveLocation.FieldDefinition, "FIELD_DEFINITION"),
        (DirectiveLocation.ArgumentDefinition, "ARGUMENT_DEFINITION"), (DirectiveLocation.Interface, "INTERFACE"),
        (DirectiveLocation.Union, "UNION"), (DirectiveLocation.Enum, "ENUM"), (DirectiveLocation.EnumValue, "ENUM_VALUE"),
        (DirectiveLocation.InputObject, "INPUT_OBJECT"), (DirectiveLocation.InputFieldDefinition, "INPUT_FIELD_DEFINITION"),
        (DirectiveLocation.DirectiveDefinition, "DIRECTIVE_DEFINITION"),
    ];

    /// <summary>Locations in the order they were declared is not kept by the flags enum; graphql-js keeps SDL order.
    /// The directive's AST (when present) gives the SDL order; otherwise the spec order is used.</summary>
    private static List<string> LocationNames(DirectiveDefinition directive)
    {
        var locations = directive.Locations;
        if (ReferenceEquals(directive, DeprecatedDirective))
            return ["FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE", "DIRECTIVE_DEFINITION"];
        var list = new List<string>();
        if (directive.Node is { } node)
        {
            foreach (var loc in node.Locations) list.Add(loc.Value);
            return list;
        }

        foreach (var (location, name) in LocationOrder)
            if ((locations & location) != 0) list.Add(name);
        return list;
    }
}
