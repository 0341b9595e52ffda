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
            foreach (var error in errors)
            {
                Assert.NotNull(error!["extensions"]?["code"]);
                error.AsObject().Remove("extensions");
            }

        Assert.Equal(expected, actual.ToJsonString());
    }
}
