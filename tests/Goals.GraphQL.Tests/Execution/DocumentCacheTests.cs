using System.Text;
using System.Text.Json;
using Goals.GraphQL.Execution;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Execution;

public class DocumentCacheTests
{
    private static GraphQLExecutor Executor(long bytes = 32L * 1024 * 1024) =>
        new(ExecutionTests.BuildSchema(), new ExecutorOptions { DocumentCacheBytes = bytes });

    /// <summary>A valid document of about <paramref name="length"/> characters (long aliases: within the token limit), distinct per id.</summary>
    private static string LargeDocument(int id, int length)
    {
        var text = new StringBuilder("{ ");
        for (var k = 0; text.Length < length; k++) text.Append('d').Append(id).Append('_').Append(k).Append("_an_alias_long_enough: hello ");
        return text.Append('}').ToString();
    }

    [Fact]
    public void SameTextIsPreparedOnce()
    {
        using var executor = Executor();
        var a = executor.Prepare("{ hello }");
        Assert.Same(a, executor.Prepare("{ hello }"));
        Assert.NotSame(a, executor.Prepare("{ hello  }"));
        Assert.Equal(2, executor.CachedDocumentCount);
    }

    [Fact]
    public void Distinct_large_documents_stay_within_the_byte_bound()
    {
        const long bound = 4L * 1024 * 1024;
        using var executor = Executor(bound);
        var largest = 0L;
        for (var i = 0; i < 300; i++)
        {
            Assert.True(executor.Prepare(LargeDocument(i, 50_000)).IsValid);
            largest = Math.Max(largest, executor.CachedDocumentBytes);
        }

        Assert.InRange(largest, 1, bound);
        Assert.InRange(executor.CachedDocumentCount, 1, 40); // each weighs its 100 KB of text and more: 300 would be ~60 MB
    }

    [Fact]
    public void An_entry_weighs_at_least_its_text_and_syntax_tree()
    {
        using var executor = Executor();
        var text = LargeDocument(1, 20_000);
        executor.Prepare(text);
        Assert.True(executor.CachedDocumentBytes > 3L * text.Length, $"{executor.CachedDocumentBytes} bytes for {text.Length} characters");
    }

    [Fact]
    public void Failed_documents_are_not_kept()
    {
        using var executor = Executor();
        var broken = executor.Prepare("{ hello");
        var invalid = executor.Prepare("{ nope }");
        Assert.False(broken.IsValid);
        Assert.False(invalid.IsValid);
        Assert.NotSame(invalid, executor.Prepare("{ nope }"));
        Assert.Equal((0, 0L), (executor.CachedDocumentCount, executor.CachedDocumentBytes));
    }

    [Fact]
    public void Hits_allocate_nothing()
    {
        using var executor = Executor();
        var text = LargeDocument(2, 5_000);
        var prepared = executor.Prepare(text);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) Assert.Same(prepared, executor.Prepare(text));
        // Below one byte per hit: the cache's own occasional expiration scan is all that may allocate.
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 10_000);
    }

    [Fact]
    public void ConcurrentPrepareIsSafe()
    {
        using var executor = Executor();
        Parallel.For(0, 2000, i => Assert.True(executor.Prepare($"{{ k{i % 40}: hello }}").IsValid));
        Assert.Equal(40, executor.CachedDocumentCount);
    }

    [Fact]
    public void SyntaxAndValidationErrors()
    {
        using var executor = Executor();
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
        using var executor = Executor();
        var doc = executor.Prepare("query($s: Boolean!) { hello @skip(if: $s) }");
        async Task<string> RunWith(bool s) => (await executor.ExecuteAsync(new ExecutionRequest
        {
            Document = doc, RootValue = Obj(("hello", "w")), Variables = Obj(("s", s)),
        })).ToJson();
        Assert.Equal(Json("{'data':{}}"), await RunWith(true));
        Assert.Equal(Json("{'data':{'hello':'w'}}"), await RunWith(false));
    }
}
