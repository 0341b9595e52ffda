using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using Goals.GraphQL.Types.Scalars;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Execution;

public class ExecutionTests
{
    internal const string Sdl = """
        type Query {
          hello: String
          nonNullError: String!
          nullableError: String
          nonNullNull: String!
          obj: Obj
          nonNullObj: Obj!
          list: [Obj]
          listNonNullItems: [Obj!]
          nonNullListNonNullItems: [Obj!]!
          ints: [Int]
          echo(i: Int, f: Float, id: ID, s: String, b: Boolean, e: Color, l: [[Int]], inp: Inp, one: OneInp, d: Int = 42, r: Int!): String
          node(id: ID): Node
          search: [SearchResult]
          boom: String
          gqlBoom: String
          badInt: Int
          color: Color
          notAList: [Int]
        }
        type Mutation { inc(by: Int!): Int! failing: Int! }
        type Obj { a: String b: String! c: Obj nested: [Obj!]! }
        enum Color { RED GREEN @deprecated BLUE @deprecated(reason: "Use RED") }
        input Inp { x: Int! y: String = "dy" z: [Color] }
        input OneInp @oneOf { a: Int b: String }
        interface Node { id: ID! }
        type User implements Node { id: ID! name: String }
        type Post implements Node { id: ID! title: String }
        union SearchResult = User | Post
        """;

    internal static readonly FieldResolver Dynamic = ctx =>
    {
        var v = ctx.Source is IReadOnlyDictionary<string, object?> d && d.TryGetValue(ctx.Field.Name, out var x) ? x : null;
        return v switch
        {
            Func<IResolverContext, object?> f => new ValueTask<object?>(f(ctx)),
            Func<IResolverContext, ValueTask<object?>> af => af(ctx),
            Exception e => throw e,
            _ => new ValueTask<object?>(v),
        };
    };

    internal static Schema BuildSchema(Action<SchemaBuilder>? configure = null)
    {
        var b = new SchemaBuilder().AddTypeDefinitions(Sdl);
        foreach (var t in new[] { "Query", "Mutation", "Obj", "User", "Post" }) b.BindDefaultFieldResolver(t, Dynamic);
        b.BindTypeResolver("Node", (v, _) => ((IReadOnlyDictionary<string, object?>)v)["kind"] as string);
        b.BindTypeResolver("SearchResult", (v, _) => ((IReadOnlyDictionary<string, object?>)v)["kind"] as string);
        configure?.Invoke(b);
        return b.Build();
    }

    private static readonly Schema TestSchema = BuildSchema();

    private static Dictionary<string, object?> Root() => Obj(
        ("hello", "world"),
        ("nonNullError", new InvalidOperationException("secret db password")),
        ("nullableError", new GraphQLException("Visible problem", "FORBIDDEN")),
        ("obj", Obj(("a", "A"), ("b", "B"), ("c", Obj(("a", "A2"), ("b", null))), ("nested", new object?[] { Obj(("a", "n1"), ("b", "x")), Obj(("a", "n2"), ("b", null)) }))),
        ("list", new object?[] { Obj(("a", "1"), ("b", "x")), null, Obj(("a", "3"), ("b", null)) }),
        ("listNonNullItems", new object?[] { Obj(("a", "1"), ("b", "x")), null }),
        ("nonNullListNonNullItems", new object?[] { Obj(("a", "1"), ("b", "x")), null }),
        ("ints", new List<int> { 1, 2, 3 }),
        ("echo", (Func<IResolverContext, object?>)(ctx => Inspect.Value(ctx.Arguments))),
        ("node", (Func<IResolverContext, object?>)(ctx => ctx.GetArgument<string>("id") == "p1"
            ? Obj(("kind", "Post"), ("id", "p1"), ("title", "T"))
            : Obj(("kind", "User"), ("id", 7), ("name", "N")))),
        ("search", new object?[] { Obj(("kind", "User"), ("id", "u"), ("name", "N")), Obj(("kind", "Post"), ("id", "p"), ("title", "T")), Obj(("kind", "Obj")) }),
        ("boom", new InvalidOperationException("internal detail")),
        ("gqlBoom", new GraphQLException("Not allowed", "FORBIDDEN", new Dictionary<string, object?> { ["reason"] = "r" })),
        ("badInt", 1.5),
        ("color", "GREEN"),
        ("notAList", "abc"));

    private static Task<string> Q(string query, string? variables = null, ExecutorOptions? options = null) =>
        Run(TestSchema, query, Root(), variables, options);

    [Fact]
    public async Task SimpleQueryAliasesAndTypename()
    {
        Assert.Equal(Json("{'data':{'hello':'world','h2':'world','__typename':'Query','obj':{'t':'Obj','a':'A'}}}"),
            await Q("{ hello h2: hello __typename obj { t: __typename a } }"));
    }

    [Fact]
    public async Task FragmentsMergeAndSkipInclude()
    {
        var q = """
            query ($yes: Boolean!, $no: Boolean!) {
              obj { ...F a @skip(if: $yes) b @include(if: $no) ... on Obj { c { a } } ... @include(if: $yes) { c { __typename } } }
              hello @skip(if: false) @include(if: true)
            }
            fragment F on Obj { a c { a } }
            """;
        Assert.Equal(Json("{'data':{'obj':{'a':'A','c':{'a':'A2','__typename':'Obj'}},'hello':'world'}}"),
            await Q(q, "{'yes':true,'no':false}"));
    }

    [Fact]
    public async Task ResolverExceptionIsHiddenAndReported()
    {
        var seen = new List<Exception>();
        var options = new ExecutorOptions { OnUnexpectedError = (_, ex) => seen.Add(ex) };
        Assert.Equal(Json("""
            {'errors':[{'message':'Unexpected error.','locations':[{'line':1,'column':3}],'path':['boom'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}},
                       {'message':'Not allowed','locations':[{'line':1,'column':8}],'path':['gqlBoom'],'extensions':{'code':'FORBIDDEN','reason':'r'}}],
             'data':{'boom':null,'gqlBoom':null,'hello':'world'}}
            """), await Q("{ boom gqlBoom hello }", options: options));
        Assert.Equal("internal detail", Assert.Single(seen).Message);
    }

    [Fact]
    public async Task NonNullRootErrorNullsData()
    {
        Assert.Equal(Json("""
            {'errors':[{'message':'Unexpected error.','locations':[{'line':1,'column':9}],'path':['nonNullError'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],'data':null}
            """), await Q("{ hello nonNullError }"));
    }

    [Fact]
    public async Task NullPropagatesToNearestNullableParent()
    {
        // obj.c.b is String! and null -> obj.c becomes null; sibling obj.a survives.
        Assert.Equal(Json("""
            {'errors':[{'message':'Cannot return null for non-nullable field Obj.b.','locations':[{'line':1,'column':15}],'path':['obj','c','b'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'obj':{'a':'A','c':null}}}
            """), await Q("{ obj { a c { b } } }"));
    }

    [Fact]
    public async Task NullPropagationThroughNonNullListItems()
    {
        // nested: [Obj!]! and item 2 has b: null (String!) -> item null -> list is non-null of non-null -> obj null.
        Assert.Equal(Json("""
            {'errors':[{'message':'Cannot return null for non-nullable field Obj.b.','locations':[{'line':1,'column':18}],'path':['obj','nested',1,'b'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'obj':null}}
            """), await Q("{ obj { nested { b } } }"));
        Assert.Equal(Json("""
            {'errors':[{'message':'Cannot return null for non-nullable field Obj.b.','locations':[{'line':1,'column':10}],'path':['list',2,'b'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'list':[{'b':'x'},null,null]}}
            """), await Q("{ list { b } }"));
        Assert.Equal(Json("""
            {'errors':[{'message':'Cannot return null for non-nullable field Query.listNonNullItems.','locations':[{'line':1,'column':3}],'path':['listNonNullItems',1],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'listNonNullItems':null,'hello':'world'}}
            """), await Q("{ listNonNullItems { a } hello }"));
        Assert.Equal(Json("""
            {'errors':[{'message':'Cannot return null for non-nullable field Query.nonNullListNonNullItems.','locations':[{'line':1,'column':3}],'path':['nonNullListNonNullItems',1],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':null}
            """), await Q("{ nonNullListNonNullItems { a } hello }"));
    }

    [Fact]
    public async Task LeafSerializationErrorsAreFieldErrors()
    {
        Assert.Equal(Json("""
            {'errors':[{'message':'Int cannot represent non-integer value: 1.5','locations':[{'line':1,'column':3}],'path':['badInt'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}},
                       {'message':'Expected Iterable, but did not find one for field \u0022Query.notAList\u0022.','locations':[{'line':1,'column':16}],'path':['notAList'],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'badInt':null,'color':'GREEN','notAList':null,'ints':[1,2,3]}}
            """), await Q("{ badInt color notAList ints }"));
    }

    [Fact]
    public async Task AbstractTypes()
    {
        Assert.Equal(Json("""
            {'errors':[{'message':'Runtime Object type \u0022Obj\u0022 is not a possible type for \u0022SearchResult\u0022.','locations':[{'line':1,'column':83}],'path':['search',2],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'node':{'__typename':'User','id':'7','name':'N'},'p':{'__typename':'Post','id':'p1'},
                     'search':[{'__typename':'User','name':'N'},{'__typename':'Post','title':'T'},null]}}
            """), await Q("{ node { __typename id ... on User { name } } p: node(id: \"p1\") { __typename id } search { __typename ... on User { name } ... on Post { title } } }".Replace("search {", "search {", StringComparison.Ordinal)
            .Replace("{ node {", "{ node {", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task OperationSelection()
    {
        Assert.Equal(Json("{'errors':[{'message':'Must provide operation name if query contains multiple operations.','extensions':{'code':'OPERATION_NOT_FOUND'}}]}"),
            await Q("query A { hello } query B { hello }"));
        Assert.Equal(Json("{'errors':[{'message':'Unknown operation named \\u0022C\\u0022.','extensions':{'code':'OPERATION_NOT_FOUND'}}]}"),
            await Run(TestSchema, "query A { hello } query B { hello }", Root(), operationName: "C"));
        Assert.Equal(Json("{'data':{'hello':'world'}}"),
            await Run(TestSchema, "query A { hello } query B { hello }", Root(), operationName: "B"));
    }

    [Fact]
    public async Task SubscriptionsAreRejected()
    {
        var schema = new SchemaBuilder().AddTypeDefinitions("type Query { a: Int } type Subscription { s: Int }")
            .BindDefaultFieldResolver("Query", Dynamic).BindDefaultFieldResolver("Subscription", Dynamic).Build();
        var json = await Run(schema, "subscription { s }");
        Assert.Contains("SUBSCRIPTIONS_NOT_SUPPORTED", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"data\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MutationsRunSeriallyInOrder()
    {
        var log = new List<string>();
        var counter = 0;
        var schema = BuildSchema(b => b.BindField("Mutation", "inc", async ctx =>
        {
            var by = ctx.GetArgument<int>("by");
            log.Add("start " + by);
            await Task.Delay(by == 1 ? 30 : 1);
            counter += by;
            log.Add("end " + by);
            return counter;
        }).BindField("Mutation", "failing", _ => throw new GraphQLException("nope", "X")));
        Assert.Equal(Json("{'data':{'a':1,'b':3,'c':6}}"), await Run(schema, "mutation { a: inc(by: 1) b: inc(by: 2) c: inc(by: 3) }"));
        Assert.Equal(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"], log);
        var json = await Run(schema, "mutation { a: inc(by: 1) f: failing c: inc(by: 3) }");
        Assert.Equal(Json("{'errors':[{'message':'nope','locations':[{'line':1,'column':26}],'path':['f'],'extensions':{'code':'X'}}],'data':null}"), json);
        Assert.Equal(7, counter); // c never ran
    }

    [Fact]
    public async Task AsyncResolversRunConcurrently()
    {
        var started = 0;
        var gate = new TaskCompletionSource();
        var schema = new SchemaBuilder().AddTypeDefinitions("type Query { a: Int b: Int }")
            .BindDefaultFieldResolver("Query", async _ =>
            {
                if (Interlocked.Increment(ref started) == 2) gate.SetResult();
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(5));
                return 1;
            }).Build();
        Assert.Equal(Json("{'data':{'a':1,'b':1}}"), await Run(schema, "{ a b }"));
    }

    [Fact]
    public async Task CancellationIsHonoured()
    {
        var schema = new SchemaBuilder().AddTypeDefinitions("type Query { slow: Int }")
            .BindField("Query", "slow", async ctx =>
            {
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return 1;
            }).Build();
        using var executor = new GraphQLExecutor(schema);
        using var cts = new CancellationTokenSource(50);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => executor.ExecuteAsync("{ slow }", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task ResultWriterPutsErrorsFirstAndExtensionsLast()
    {
        var result = new ExecutionResult(new ResultMap { new("a", 1) }, true, [new GraphQLError("e")]) { Extensions = new Dictionary<string, object?> { ["x"] = 1 } };
        Assert.Equal(Json("{'errors':[{'message':'e'}],'data':{'a':1},'extensions':{'x':1}}"), result.ToJson());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task SyntaxErrorsAreParseFailures()
    {
        var json = await Q("{ hello ");
        Assert.Contains("GRAPHQL_PARSE_FAILED", json, StringComparison.Ordinal);
        Assert.Contains("\"locations\":[{\"line\":1,\"column\":9}]", json, StringComparison.Ordinal);
    }
}

public class ExceptionValueTests
{
    [Fact]
    public async Task ExceptionValuesAreFieldErrors()
    {
        var schema = new SchemaBuilder().AddTypeDefinitions("type Query { a: String l: [Int] }")
            .BindField("Query", "a", _ => new ValueTask<object?>(new GraphQLException("as value", "X")))
            .BindField("Query", "l", _ => new ValueTask<object?>(new object?[] { 1, new InvalidOperationException("hidden"), 3 }))
            .Build();
        Assert.Equal(TestHelpers.Json("""
            {'errors':[{'message':'as value','locations':[{'line':1,'column':3}],'path':['a'],'extensions':{'code':'X'}},
                       {'message':'Unexpected error.','locations':[{'line':1,'column':5}],'path':['l',1],'extensions':{'code':'INTERNAL_SERVER_ERROR'}}],
             'data':{'a':null,'l':[1,null,3]}}
            """), await TestHelpers.Run(schema, "{ a l }"));
    }
}
