using Goals.GraphQL.Execution;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Execution;

/// <summary>`first: $n` sizes the list with the request's value: the same cached document is refused or run per request.</summary>
public sealed class VariableComplexityTests : IDisposable
{
    private const string Query = "query($n: Int) { items(first: $n) { id } }";
    private int _resolved;
    private readonly GraphQLExecutor _executor;

    public VariableComplexityTests()
    {
        var schema = DictionarySchema("type Query { items(first: Int): [Item] } type Item { id: ID }")
            .BindField("Query", "items", _ =>
            {
                _resolved++;
                return new ValueTask<object?>(new[] { Obj(("id", "1")) });
            })
            .Build();
        // items 1 + n * id 1: n = 2 costs 3.
        _executor = new GraphQLExecutor(schema, new ExecutorOptions { MaxComplexity = 3 });
    }

    public void Dispose() => _executor.Dispose();

    private Task<ExecutionResult> RunAsync(string query, string? variables) =>
        _executor.ExecuteAsync(new ExecutionRequest { Document = _executor.Prepare(query), Variables = variables is null ? null : Vars(variables) });

    [Fact]
    public async Task The_variable_value_is_the_list_size()
    {
        Assert.Empty((await RunAsync(Query, "{'n':2}")).Errors);
        Assert.Equal(1, _resolved);

        var refused = await RunAsync(Query, "{'n':3}");
        Assert.False(refused.HasData);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("Query complexity 4 exceeds the maximum of 3.", error.Message);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
        Assert.Equal(new ErrorLocation(1, 1), Assert.Single(error.Locations!));
        Assert.Equal(1, _resolved); // refused before any resolver ran

        Assert.Empty((await RunAsync(Query, "{'n':1}")).Errors); // the same cached document, judged again
        Assert.Equal(2, _resolved);
    }

    [Fact]
    public async Task An_unset_or_null_variable_counts_the_estimate_and_a_default_its_value()
    {
        Assert.Equal("Query complexity 11 exceeds the maximum of 3.", Assert.Single((await RunAsync(Query, null)).Errors).Message);
        Assert.Equal("Query complexity 11 exceeds the maximum of 3.", Assert.Single((await RunAsync(Query, "{'n':null}")).Errors).Message);
        Assert.Empty((await RunAsync("query($n: Int = 2) { items(first: $n) { id } }", null)).Errors);
        Assert.Single((await RunAsync("query($n: Int = 2) { items(first: $n) { id } }", "{'n':5}")).Errors);
    }

    [Fact]
    public async Task Literal_sizes_are_still_judged_once_at_validation()
    {
        var prepared = _executor.Prepare("{ items(first: 3) { id } }");
        Assert.False(prepared.IsValid);
        Assert.Equal("Query complexity 4 exceeds the maximum of 3.", Assert.Single(prepared.Errors).Message);
        Assert.True(_executor.Prepare(Query).IsValid); // variable sizes wait for the request
    }
}
