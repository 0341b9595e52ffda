using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Execution;

/// <summary>Execution semantics compared with graphql-js output for the same schema, data and query.</summary>
public class ExecutionCorpusTests
{
    private static readonly JsonNode Corpus = JsonNode.Parse(ExecutionCorpus.Json)!;

    private static readonly Lazy<(Schema Schema, object? Data)> Setup = new(() =>
    {
        FieldResolver read = ctx =>
        {
            var source = (IReadOnlyDictionary<string, object?>)ctx.Source!;
            var value = source.TryGetValue(ctx.Field.Name, out var v) ? v : null;
            if (value is IReadOnlyDictionary<string, object?> d && d.TryGetValue("$error", out var message))
                throw new GraphQLException((string)message!, "RESOLVER_ERROR");
            return new ValueTask<object?>(value);
        };
        TypeResolver byTypename = (value, _) => ((IReadOnlyDictionary<string, object?>)value)["__typename"] as string;
        var schema = new SchemaBuilder().AddTypeDefinitions(Corpus["sdl"]!.GetValue<string>())
            .BindDefaultFieldResolver("Query", read).BindDefaultFieldResolver("A", read).BindDefaultFieldResolver("B", read)
            .BindTypeResolver("I", byTypename).BindTypeResolver("U", byTypename)
            .Build();
        return (schema, JsonInput.ToObject(JsonDocument.Parse(Corpus["data"]!.ToJsonString()).RootElement));
    });

    public static IEnumerable<object[]> Cases()
    {
        var cases = Corpus["cases"]!.AsArray();
        for (var i = 0; i < cases.Count; i++) yield return [i, cases[i]!["query"]!.GetValue<string>()];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MatchesGraphQLJs(int index, string query)
    {
        var expected = Corpus["cases"]![index]!["expected"]!.ToJsonString();
        var (schema, data) = Setup.Value;
        var actual = JsonNode.Parse(await TestHelpers.Run(schema, query, data))!.AsObject();
        if (actual["errors"] is JsonArray errors)
        {
            foreach (var error in errors)
            {
                Assert.NotNull(error!["extensions"]?["code"]);
                error.AsObject().Remove("extensions");
            }
        }

        Assert.Equal(expected, actual.ToJsonString());
    }
}

public class ConcurrentExecutionTests
{
    [Fact]
    public async Task SharedPreparedDocumentGivesIdenticalResultsUnderConcurrency()
    {
        var schema = ExecutionTests.BuildSchema();
        using var executor = new GraphQLExecutor(schema);
        const string query = "query($yes: Boolean!) { list { ...F } obj { nested { a } c { a } } search { __typename ... on User { name } } hello @include(if: $yes) } fragment F on Obj { a c { a } }";
        var root = new Dictionary<string, object?>
        {
            ["list"] = Enumerable.Range(0, 50).Select(i => (object?)TestHelpers.Obj(("a", "a" + i), ("c", TestHelpers.Obj(("a", "c" + i))))).ToArray(),
            ["obj"] = TestHelpers.Obj(("nested", new object?[] { TestHelpers.Obj(("a", "n")) }), ("c", TestHelpers.Obj(("a", "x")))),
            ["search"] = new object?[] { TestHelpers.Obj(("kind", "User"), ("name", "u")), TestHelpers.Obj(("kind", "Post")) },
            ["hello"] = "w",
        };
        async Task<string> Once(bool yes) => (await executor.ExecuteAsync(new ExecutionRequest
        {
            Document = executor.Prepare(query), RootValue = root, Variables = new Dictionary<string, object?> { ["yes"] = yes },
        })).ToJson();
        var expectedYes = await Once(true);
        var expectedNo = await Once(false);
        Assert.Contains("\"hello\":\"w\"", expectedYes, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", expectedNo, StringComparison.Ordinal);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Once(i % 2 == 0))));
        for (var i = 0; i < results.Length; i++) Assert.Equal(i % 2 == 0 ? expectedYes : expectedNo, results[i]);
    }
}
