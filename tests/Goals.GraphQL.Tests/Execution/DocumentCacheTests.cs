using System.Text;
using System.Text.Json;
using Goals.GraphQL.Execution;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Execution;

public class DocumentCacheTests
{
    private static GraphQLExecutor Executor(int size) =>
        new(ExecutionTests.BuildSchema(), new ExecutorOptions { DocumentCacheSize = size });

    [Fact]
    public void SameTextIsPreparedOnce()
    {
        var executor = Executor(10);
        var a = executor.Prepare("{ hello }");
        Assert.Same(a, executor.Prepare("{ hello }"));
        Assert.NotSame(a, executor.Prepare("{ hello  }"));
        Assert.Equal(2, executor.CachedDocumentCount);
    }

    [Fact]
    public void BoundedWithSecondChanceEviction()
    {
        var executor = Executor(2);
        var a = executor.Prepare("{ a: hello }");
        executor.Prepare("{ b: hello }");
        Assert.Same(a, executor.Prepare("{ a: hello }")); // a is referenced again
        executor.Prepare("{ c: hello }");                  // evicts b (a had a second chance)
        Assert.Equal(2, executor.CachedDocumentCount);
        Assert.Same(a, executor.Prepare("{ a: hello }"));
        for (var i = 0; i < 50; i++) executor.Prepare($"{{ x{i}: hello }}");
        Assert.Equal(2, executor.CachedDocumentCount);
    }

    [Fact]
    public void ConcurrentPrepareIsSafe()
    {
        var executor = Executor(16);
        Parallel.For(0, 2000, i => Assert.True(executor.Prepare($"{{ k{i % 40}: hello }}").IsValid));
        Assert.True(executor.CachedDocumentCount <= 16);
    }

    [Fact]
    public void SyntaxAndValidationErrors()
    {
        var executor = Executor(10);
        var bad = executor.Prepare("{ hello");
        Assert.Null(bad.Document);
        var error = Assert.Single(bad.Errors);
        Assert.Equal(ErrorCodes.ParseFailed, error.Code);
        Assert.Equal(new ErrorLocation(1, 8), Assert.Single(error.Locations!));
        var invalid = executor.Prepare("{ nope }");
        Assert.NotNull(invalid.Document);
        Assert.False(invalid.IsValid);
    }

    [Fact]
    public void JsonInputReadsVariables()
    {
        const string json = """{"a":1,"b":1.5,"c":"s","d":[true,null],"e":{"f":9007199254740993},"g":1e400}""";
        var fromElement = JsonInput.ToVariables(JsonDocument.Parse(json.Replace("1e400", "1e300", StringComparison.Ordinal)).RootElement)!;
        Assert.IsType<long>(fromElement["a"]);
        Assert.IsType<double>(fromElement["b"]);
        Assert.Equal("{ a: 1, b: 1.5, c: \"s\", d: [true, null], e: { f: 9007199254740993 }, g: 1e+300 }", Inspect(fromElement));
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json.Replace("1e400", "1e300", StringComparison.Ordinal)));
        var fromReader = JsonInput.ReadVariables(ref reader)!;
        Assert.Equal(Inspect(fromElement), Inspect(fromReader));
        Assert.Null(JsonInput.ToVariables(JsonDocument.Parse("null").RootElement));
        Assert.Throws<GraphQLException>(() => JsonInput.ToVariables(JsonDocument.Parse("[1]").RootElement));
    }

    private static string Inspect(object? v) => Goals.GraphQL.Types.Scalars.Inspect.Value(v);

    [Fact]
    public async Task SkipIncludeWithVariablesAreNotCachedAcrossRequests()
    {
        var executor = Executor(10);
        var doc = executor.Prepare("query($s: Boolean!) { hello @skip(if: $s) }");
        async Task<string> RunWith(bool s) => (await executor.ExecuteAsync(new ExecutionRequest
        {
            Document = doc, RootValue = Obj(("hello", "w")), Variables = Obj(("s", s)),
        })).ToJson();
        Assert.Equal(Json("{'data':{}}"), await RunWith(true));
        Assert.Equal(Json("{'data':{'hello':'w'}}"), await RunWith(false));
    }
}
