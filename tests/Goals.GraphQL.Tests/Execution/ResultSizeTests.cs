using Goals.GraphQL.Execution;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Execution;

/// <summary>ExecutorOptions.MaxResultBytes: an answer past the bound stops executing and is one request error.</summary>
public class ResultSizeTests
{
    private const int Items = 10_000;
    private const int TextLength = 1_000;
    private int _textsResolved;
    private int _tagNamesResolved;

    private GraphQLExecutor Executor(long? maxResultBytes)
    {
        var text = new string('x', TextLength);
        var items = Enumerable.Range(0, Items).Select(i => Obj(("id", i))).ToArray();
        var schema = DictionarySchema("type Query { items: [Item!]! one: Item } type Item { id: Int! text: String tags: [Tag] } type Tag { name: String }")
            .BindField("Query", "items", _ => new ValueTask<object?>(items))
            .BindField("Query", "one", _ => new ValueTask<object?>(items[0]))
            .BindField("Item", "text", _ =>
            {
                _textsResolved++;
                return new ValueTask<object?>(text);
            })
            .BindField("Item", "tags", async _ =>
            {
                await Task.Yield(); // completes later, through the executor's queue
                return new[] { Obj(), Obj() };
            })
            .BindField("Tag", "name", _ =>
            {
                _tagNamesResolved++;
                return new ValueTask<object?>(text);
            })
            .Build();
        return new GraphQLExecutor(schema, new ExecutorOptions
        {
            MaxResultBytes = maxResultBytes, MaxComplexity = null, ResultTooLargeHint = "Page through the items.",
        });
    }

    [Fact]
    public async Task A_too_large_answer_stops_early_and_is_one_request_error()
    {
        const long bound = 200_000; // about 200 of the 10,000 texts
        using var executor = Executor(bound);
        var result = await executor.ExecuteAsync("{ items { id text } }");

        Assert.False(result.HasData);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.ResponseTooLarge, error.Code);
        Assert.Equal(bound, error.Extensions!["maxBytes"]);
        Assert.Equal("The response is larger than the limit of 200000 bytes; ask for fewer fields or items. Page through the items.", error.Message);
        Assert.Null(error.Path);
        Assert.InRange(_textsResolved, bound / TextLength / 2, bound / TextLength + 1); // stopped at the bound, not after 10,000
        Assert.DoesNotContain("xxxx", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asynchronous_values_past_the_bound_are_not_completed_and_no_more_resolvers_start()
    {
        // The 10,000 items and their ids take about 240 KB: the bound is reached by the asynchronous tags.
        using var executor = Executor(400_000);
        var result = await executor.ExecuteAsync("{ items { id tags { name } } }");

        Assert.Equal(ErrorCodes.ResponseTooLarge, Assert.Single(result.Errors).Code);
        // Every item's `tags` starts before the first one completes; past the bound the rest complete into nothing.
        Assert.InRange(_tagNamesResolved, 1, 400_000 / TextLength);
        Assert.StartsWith("{\"errors\":[", result.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_within_the_bound_and_unbounded_answers_are_unchanged()
    {
        using var smallExecutor = Executor(10_000);
        var small = await smallExecutor.ExecuteAsync("{ one { id text } }");
        Assert.Equal(Json("{'data':{'one':{'id':0,'text':'" + new string('x', TextLength) + "'}}}"), small.ToJson());

        using var allExecutor = Executor(null);
        var all = await allExecutor.ExecuteAsync("{ items { id text } }");
        Assert.Empty(all.Errors);
        Assert.Equal(Items, _textsResolved - 1);
        Assert.True(all.ToJson().Length > Items * TextLength);
    }
}
