using System.Text.Json;
using System.Text.Json.Nodes;
using Goals.GraphQL.Execution;

namespace Goals.GraphQL.Tests.Execution;

/// <summary>Input coercion (variables, literals, defaults, lists, input objects, oneOf, enums, Int range) compared
/// with graphql-js output for the same query; "extensions" (our error codes) are checked separately.</summary>
public class CoercionTests
{
    public static IEnumerable<object[]> Cases()
    {
        var array = JsonNode.Parse(CoercionCorpus.Json)!.AsArray();
        for (var i = 0; i < array.Count; i++) yield return [i, array[i]!["query"]!.GetValue<string>()];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MatchesGraphQLJs(int index, string query)
    {
        var entry = JsonNode.Parse(CoercionCorpus.Json)!.AsArray()[index]!;
        var variables = entry["variables"] is { } v ? JsonInput.ToVariables(JsonDocument.Parse(v.ToJsonString()).RootElement) : null;
        var schema = ExecutionTests.BuildSchema(b => b.BindField("Query", "echo",
            ctx => new ValueTask<object?>(Goals.GraphQL.Types.Scalars.Inspect.Value(ctx.Arguments))));
        using var executor = new GraphQLExecutor(schema);
        var prepared = executor.Prepare(query);
        var result = prepared.IsValid
            ? await executor.ExecuteAsync(new ExecutionRequest { Document = prepared, Variables = variables })
            : ExecutionResult.FromErrors(prepared.Errors);
        var actual = JsonNode.Parse(result.ToJson())!.AsObject();
        if (actual["errors"] is JsonArray errors)
        {
            foreach (var error in errors)
            {
                var obj = error!.AsObject();
                var code = obj["extensions"]?["code"]?.GetValue<string>();
                Assert.True(code is not null, "every error has extensions.code");
                if (result.HasData || code != ErrorCodes.ValidationFailed) Assert.Equal(ErrorCodes.BadUserInput, code);
                obj.Remove("extensions");
            }
        }

        Assert.Equal(entry["expected"]!.ToJsonString(), actual.ToJsonString());
    }
}

public class VariableErrorLimitTests
{
    [Fact]
    public async Task StopsAfterFiftyErrorsLikeGraphQLJs()
    {
        var schema = new Goals.GraphQL.Types.SchemaBuilder().AddTypeDefinitions("type Query { a(l: [Int]): Int }")
            .BindDefaultFieldResolver("Query", _ => new ValueTask<object?>(1)).Build();
        var list = Enumerable.Repeat<object?>("x", 60).ToArray();
        using var executor = new GraphQLExecutor(schema);
        var result = await executor.ExecuteAsync("query($v: [Int]) { a(l: $v) }", new Dictionary<string, object?> { ["v"] = list });
        Assert.False(result.HasData);
        Assert.Equal(51, result.Errors.Count);
        Assert.Equal("Variable \"$v\" got invalid value \"x\" at \"v[49]\"; Int cannot represent non-integer value: \"x\"", result.Errors[49].Message);
        Assert.Equal("Too many errors processing variables, error limit reached. Execution aborted.", result.Errors[50].Message);
    }
}
