using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Types;

public class SchemaBuilderTests
{
    private static readonly FieldResolver Null = _ => new ValueTask<object?>((object?)null);

    private static SchemaBuildException Fails(SchemaBuilder builder) => Assert.Throws<SchemaBuildException>(builder.Build);

    [Fact]
    public void ReportsEveryProblemAtOnce()
    {
        var ex = Fails(new SchemaBuilder()
            .AddTypeDefinitions("type Query { a: Int b: Missing }")
            .BindField("Query", "nope", Null)
            .BindField("Nope", "x", Null));
        Assert.Contains(ex.Problems, p => p.StartsWith("Unknown type \"Missing\".", StringComparison.Ordinal));
        Assert.Contains("Resolver bound to unknown field \"Query.nope\".", ex.Problems);
        Assert.Contains("Resolver bound to unknown type \"Nope\" (field \"x\").", ex.Problems);
        Assert.Contains(ex.Problems, p => p.StartsWith("Field \"Query.a\" has no resolver", StringComparison.Ordinal));
        Assert.Contains("Invalid schema:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorsAreProblems()
    {
        var ex = Fails(new SchemaBuilder().AddTypeDefinitions("type Query { a: }"));
        Assert.StartsWith("Syntax error in type definitions #1 at 1:17", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void InterfaceImplementationRules()
    {
        var ex = Fails(new SchemaBuilder().AddTypeDefinitions("""
            type Query { n: Node }
            interface Node { id: ID! size(unit: String): Int }
            interface Named implements Node { id: ID! size(unit: String): Int name: String }
            type A implements Node { id: ID size(unit: Int): Int }
            type B implements Named { id: ID! size(unit: String, req: Int!): Int name: String }
            type C implements Node { size(unit: String): Int }
            """).BindTypeResolver("Node", (_, _) => null).BindTypeResolver("Named", (_, _) => null)
            .BindDefaultFieldResolver("Query", Null).BindDefaultFieldResolver("A", Null).BindDefaultFieldResolver("B", Null).BindDefaultFieldResolver("C", Null));
        Assert.Contains("Interface field Node.id expects type ID! but A.id is type ID.", ex.Problems);
        Assert.Contains("Interface field argument Node.size(unit:) expects type String but A.size(unit:) is type Int.", ex.Problems);
        Assert.Contains("Type B must implement Node because it is implemented by Named.", ex.Problems);
        Assert.Contains("Object field B.size includes required argument req that is missing from the Interface field Named.size.", ex.Problems);
        Assert.Contains("Interface field Node.id expected but C does not provide it.", ex.Problems);
    }

    [Fact]
    public void TypeSystemRules()
    {
        var ex = Fails(new SchemaBuilder().AddTypeDefinitions("""
            type Query { a(x: Obj): Int i: In }
            type Obj { a: Int }
            union U = Obj | In
            enum E
            input In { self: In! o: Obj }
            input One @oneOf { a: Int! b: Int = 1 }
            type __Bad { a: Int }
            """).BindDefaultFieldResolver("Query", Null).BindDefaultFieldResolver("Obj", Null).BindTypeResolver("U", (_, _) => null));
        Assert.Contains("The type of Query.a(x:) must be Input Type but got: Obj.", ex.Problems);
        Assert.Contains("The type of Query.i must be Output Type but got: In.", ex.Problems);
        Assert.Contains(ex.Problems, p => p.StartsWith("Union type U can only include Object types, it cannot include In.", StringComparison.Ordinal));
        Assert.Contains("Enum type E must define one or more values.", ex.Problems);
        Assert.Contains("The type of In.o must be Input Type but got: Obj.", ex.Problems);
        Assert.Contains("Cannot reference Input Object \"In\" within itself through a series of non-null fields: \"self\".", ex.Problems);
        Assert.Contains("OneOf input field One.a must be nullable.", ex.Problems);
        Assert.Contains("OneOf input field One.b cannot have a default value.", ex.Problems);
        Assert.Contains(ex.Problems, p => p.StartsWith("Name \"__Bad\" must not begin with \"__\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AbstractTypesNeedAWayToResolve()
    {
        const string sdl = "type Query { n: Node } interface Node { id: ID } type A implements Node { id: ID } type B implements Node { id: ID }";
        var ex = Fails(new SchemaBuilder().AddTypeDefinitions(sdl)
            .BindDefaultFieldResolver("Query", Null).BindDefaultFieldResolver("A", Null).BindDefaultFieldResolver("B", Null));
        Assert.Contains(ex.Problems, p => p.StartsWith("Abstract type \"Node\" has no type resolver", StringComparison.Ordinal));

        // Distinct CLR types bound with BindType<T> identify the object type without a resolver.
        var schema = new SchemaBuilder().AddTypeDefinitions(sdl)
            .BindDefaultFieldResolver("Query", _ => new ValueTask<object?>(new BSource()))
            .BindType<ASource>("A", a => a.Field("id", x => "a"))
            .BindType<BSource>("B", b => b.Field("id", x => "b"))
            .Build();
        Assert.NotNull(((InterfaceType)schema.GetType("Node")!).ResolveType);
    }

    private sealed class ASource;
    private sealed class BSource;

    [Fact]
    public async Task ExtensionsDirectivesAndDescriptions()
    {
        var schema = new SchemaBuilder().AddTypeDefinitions("""
            "The schema" schema { query: Root }
            "Root type" type Root { a: Int @deprecated old: Int @deprecated(reason: "gone") }
            """).AddTypeDefinitions("""
            extend type Root { b(x: Int @deprecated): Int color: Color }
            enum Color { RED BLUE @deprecated }
            extend enum Color { GREEN }
            scalar Url @specifiedBy(url: "https://example.com/url")
            extend type Root { u: Url }
            directive @cost(value: Int = 1) repeatable on FIELD_DEFINITION | OBJECT
            """)
            .AddScalar(new UuidScalar("Url"))
            .BindDefaultFieldResolver("Root", ctx => new ValueTask<object?>(ctx.Field.Name == "color" ? 2 : 1))
            .BindEnumValues("Color", new Dictionary<string, object> { ["RED"] = 1, ["BLUE"] = 2, ["GREEN"] = 3 })
            .Build();
        Assert.Equal("Root", schema.QueryType.Name);
        Assert.Equal("The schema", schema.Description);
        Assert.Equal("Root type", schema.QueryType.Description);
        Assert.Equal(["a", "old", "b", "color", "u"], schema.QueryType.Fields.Keys);
        Assert.Equal("No longer supported", schema.QueryType.Fields["a"].DeprecationReason);
        Assert.Equal("gone", schema.QueryType.Fields["old"].DeprecationReason);
        Assert.Equal("No longer supported", schema.QueryType.Fields["b"].Arguments["x"].DeprecationReason);
        Assert.Equal(["RED", "BLUE", "GREEN"], ((EnumType)schema.GetType("Color")!).Values.Keys);
        Assert.Equal("https://example.com/url", ((ScalarType)schema.GetType("Url")!).SpecifiedByUrl);
        var cost = schema.GetDirective("cost")!;
        Assert.True(cost.IsRepeatable);
        Assert.Equal(1, cost.Arguments["value"].CoercedDefaultValue);
        Assert.Equal(Json("{'data':{'a':1,'color':'BLUE'}}"), await Run(schema, "{ a color }"));
    }

    [Fact]
    public void UnknownDirectivesAndBadDefaults()
    {
        var ex = Fails(new SchemaBuilder().AddTypeDefinitions("""
            type Query { a(x: Int = "s"): Int @unknown b: Int @specifiedBy(url: "x") }
            """).BindDefaultFieldResolver("Query", Null));
        Assert.Contains(ex.Problems, p => p.StartsWith("Unknown directive \"@unknown\".", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Directive \"@specifiedBy\" may not be used on FIELD_DEFINITION.", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("Default value of Query.a(x:) is invalid for type \"Int\": \"s\".", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomScalarNeedsImplementation()
    {
        var ex = Fails(new SchemaBuilder().AddTypeDefinitions("scalar UUID type Query { id: UUID }").BindDefaultFieldResolver("Query", Null));
        Assert.Contains(ex.Problems, p => p.StartsWith("Scalar \"UUID\" has no implementation", StringComparison.Ordinal));
    }
}

public class ClrTypeResolutionTests
{
    private sealed record Cat(string Name);
    private sealed record Dog(string Name, bool Good);

    [Fact]
    public async Task DistinctClrTypesResolveAbstractTypesWithoutAResolver()
    {
        var schema = new SchemaBuilder().AddTypeDefinitions("""
            type Query { pets: [Pet] any: [Animal] }
            interface Pet { name: String }
            type Cat implements Pet { name: String }
            type Dog implements Pet { name: String good: Boolean }
            union Animal = Cat | Dog
            """)
            .BindType<object>("Query", q => q
                .Field("pets", _ => new object[] { new Cat("c"), new Dog("d", true) })
                .Field("any", _ => new object[] { new Dog("d2", false), "not a pet" }))
            .BindType<Cat>("Cat", c => c.Field("name", x => x.Name))
            .BindType<Dog>("Dog", d => d.Field("name", x => x.Name).Field("good", x => x.Good))
            .Build();
        Assert.Equal(Goals.GraphQL.Tests.Execution.TestHelpers.Json("""
            {'errors':[{'message':'Abstract type \u0022Animal\u0022 must resolve to an Object type at runtime for field \u0022Query.any\u0022. Either the \u0022Animal\u0022 type should provide a \u0022resolveType\u0022 function or each possible type should provide an \u0022isTypeOf\u0022 function.','locations':[{'line':1,'column':48}],'path':['any',1],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'pets':[{'__typename':'Cat','name':'c'},{'__typename':'Dog','name':'d','good':true}],'any':[{'__typename':'Dog'},null]}}
            """), await Goals.GraphQL.Tests.Execution.TestHelpers.Run(schema, "{ pets { __typename name ... on Dog { good } } any { __typename } }"));
    }
}
