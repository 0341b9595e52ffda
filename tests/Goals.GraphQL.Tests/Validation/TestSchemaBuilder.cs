using System.Globalization;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Validation.Rules;

namespace Goals.GraphQL.Tests.Validation;

/// <summary>
/// Test-only SDL → Schema conversion (no resolvers, no schema validation) so the validation rules can be tested
/// independently of the engine's SchemaBuilder. Built-in scalars mirror graphql-js parseLiteral messages.
/// </summary>
internal static class TestSchemaBuilder
{
    public const string IntrospectionSdl = """
        type __Schema {
          description: String
          types: [__Type!]!
          queryType: __Type!
          mutationType: __Type
          subscriptionType: __Type
          directives: [__Directive!]!
        }
        type __Type {
          kind: __TypeKind!
          name: String
          description: String
          specifiedByURL: String
          fields(includeDeprecated: Boolean = false): [__Field!]
          interfaces: [__Type!]
          possibleTypes: [__Type!]
          enumValues(includeDeprecated: Boolean = false): [__EnumValue!]
          inputFields(includeDeprecated: Boolean = false): [__InputValue!]
          ofType: __Type
          isOneOf: Boolean
        }
        enum __TypeKind { SCALAR OBJECT INTERFACE UNION ENUM INPUT_OBJECT LIST NON_NULL }
        type __Field {
          name: String!
          description: String
          args(includeDeprecated: Boolean = false): [__InputValue!]!
          type: __Type!
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __InputValue {
          name: String!
          description: String
          type: __Type!
          defaultValue: String
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __EnumValue {
          name: String!
          description: String
          isDeprecated: Boolean!
          deprecationReason: String
        }
        type __Directive {
          name: String!
          description: String
          isRepeatable: Boolean!
          locations: [__DirectiveLocation!]!
          args(includeDeprecated: Boolean = false): [__InputValue!]!
        }
        enum __DirectiveLocation {
          QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD INLINE_FRAGMENT VARIABLE_DEFINITION
          SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION
        }
        directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
        directive @specifiedBy(url: String!) on SCALAR
        directive @oneOf on INPUT_OBJECT
        """;

    public static Schema Build(string sdl)
    {
        var doc = Parser.Parse(IntrospectionSdl + "\n" + sdl);
        var types = new Dictionary<string, NamedType>
        {
            ["Int"] = new TestScalar("Int"),
            ["Float"] = new TestScalar("Float"),
            ["String"] = new TestScalar("String"),
            ["Boolean"] = new TestScalar("Boolean"),
            ["ID"] = new TestScalar("ID"),
        };
        foreach (var def in doc.Definitions)
        {
            if (def is not TypeDefinitionNode t || t.IsExtension) continue;
            types[t.Name.Value] = t switch
            {
                ScalarTypeDefinitionNode => new TestScalar(t.Name.Value),
                ObjectTypeDefinitionNode => new ObjectType(t.Name.Value),
                InterfaceTypeDefinitionNode => new InterfaceType(t.Name.Value),
                UnionTypeDefinitionNode => new UnionType(t.Name.Value),
                EnumTypeDefinitionNode => new EnumType(t.Name.Value),
                InputObjectTypeDefinitionNode => new InputObjectType(t.Name.Value),
                _ => throw new InvalidOperationException(),
            };
        }

        GraphQLType Ref(TypeNode node) => node switch
        {
            NamedTypeNode n => types[n.Name.Value],
            ListTypeNode l => new ListType(Ref(l.Type)),
            NonNullTypeNode nn => new NonNullType(Ref(nn.Type)),
            _ => throw new InvalidOperationException(),
        };

        Dictionary<string, InputValueDefinition> Args(IReadOnlyList<InputValueDefinitionNode> args)
        {
            var d = new Dictionary<string, InputValueDefinition>();
            foreach (var a in args) d[a.Name.Value] = new InputValueDefinition(a.Name.Value, Ref(a.Type)) { DefaultValue = a.DefaultValue };
            return d;
        }

        Dictionary<string, FieldDefinition> Fields(IReadOnlyList<FieldDefinitionNode> fields)
        {
            var d = new Dictionary<string, FieldDefinition>();
            foreach (var f in fields) d[f.Name.Value] = new FieldDefinition(f.Name.Value, Ref(f.Type)) { Arguments = Args(f.Arguments) };
            return d;
        }

        var directives = new Dictionary<string, DirectiveDefinition>();
        ObjectType? query = null, mutation = null, subscription = null;
        foreach (var def in doc.Definitions)
        {
            switch (def)
            {
                case ObjectTypeDefinitionNode o:
                {
                    var type = (ObjectType)types[o.Name.Value];
                    type.Fields = Fields(o.Fields);
                    type.Interfaces = o.Interfaces.Select(i => (InterfaceType)types[i.Name.Value]).ToList();
                    break;
                }
                case InterfaceTypeDefinitionNode i:
                {
                    var type = (InterfaceType)types[i.Name.Value];
                    type.Fields = Fields(i.Fields);
                    type.Interfaces = i.Interfaces.Select(x => (InterfaceType)types[x.Name.Value]).ToList();
                    break;
                }
                case UnionTypeDefinitionNode u:
                    ((UnionType)types[u.Name.Value]).Types = u.Types.Select(x => (ObjectType)types[x.Name.Value]).ToList();
                    break;
                case EnumTypeDefinitionNode e:
                    ((EnumType)types[e.Name.Value]).Values = e.Values.ToDictionary(v => v.Name.Value, v => new EnumValueDefinition(v.Name.Value));
                    break;
                case InputObjectTypeDefinitionNode io:
                {
                    var type = (InputObjectType)types[io.Name.Value];
                    type.Fields = Args(io.Fields);
                    type.IsOneOf = io.Directives.Any(d => d.Name.Value == "oneOf");
                    break;
                }
                case DirectiveDefinitionNode dd:
                {
                    var locations = DirectiveLocation.None;
                    foreach (var l in dd.Locations) locations |= DirectiveLocations.Parse(l.Value);
                    directives[dd.Name.Value] = new DirectiveDefinition(dd.Name.Value, locations)
                    {
                        Arguments = Args(dd.Arguments), IsRepeatable = dd.Repeatable,
                    };
                    break;
                }
                case SchemaDefinitionNode s:
                    foreach (var op in s.OperationTypes)
                    {
                        var t = (ObjectType)types[op.Type.Name.Value];
                        if (op.Operation == OperationType.Query) query = t;
                        else if (op.Operation == OperationType.Mutation) mutation = t;
                        else subscription = t;
                    }

                    break;
            }
        }

        query ??= types.GetValueOrDefault("Query") as ObjectType;
        mutation ??= types.GetValueOrDefault("Mutation") as ObjectType;
        subscription ??= types.GetValueOrDefault("Subscription") as ObjectType;

        var possible = new Dictionary<string, IReadOnlyList<ObjectType>>();
        foreach (var type in types.Values)
        {
            if (type is UnionType u) possible[u.Name] = u.Types;
            if (type is InterfaceType iface)
                possible[iface.Name] = types.Values.OfType<ObjectType>().Where(o => o.Interfaces.Contains(iface)).ToList();
        }

        return new Schema(query!, mutation, subscription, types, directives, null) { PossibleTypes = possible };
    }
}

/// <summary>Built-in scalar literal coercion with graphql-js messages.</summary>
internal sealed class TestScalar(string name) : ScalarType(name)
{
    public override object? Serialize(object? value) => value;
    public override object? ParseValue(object? value) => value;

    public override object? ParseLiteral(ValueNode literal)
    {
        switch (Name)
        {
            case "Int":
                if (literal is not IntValueNode i) throw new GraphQLException($"Int cannot represent non-integer value: {Printer.Print(literal)}");
                if (!int.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
                    throw new GraphQLException($"Int cannot represent non 32-bit signed integer value: {i.Value}");
                return n;
            case "Float":
                if (literal is IntValueNode fi) return double.Parse(fi.Value, CultureInfo.InvariantCulture);
                if (literal is FloatValueNode f) return double.Parse(f.Value, CultureInfo.InvariantCulture);
                throw new GraphQLException($"Float cannot represent non numeric value: {Printer.Print(literal)}");
            case "String":
                if (literal is StringValueNode s) return s.Value;
                throw new GraphQLException($"String cannot represent a non string value: {Printer.Print(literal)}");
            case "Boolean":
                if (literal is BooleanValueNode b) return b.Value;
                throw new GraphQLException($"Boolean cannot represent a non boolean value: {Printer.Print(literal)}");
            case "ID":
                if (literal is StringValueNode ids) return ids.Value;
                if (literal is IntValueNode idi) return idi.Value;
                throw new GraphQLException($"ID cannot represent a non-string and non-integer value: {Printer.Print(literal)}");
            default:
                return literal;
        }
    }
}
