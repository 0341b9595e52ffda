using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;
using Goals.GraphQL.Validation;

namespace Goals.Benchmarks;

/// <summary>
/// Parse, validate and execute of (a) graphql-js's getIntrospectionQuery() and (b) a three-level query over
/// 100 x 10 x 5 in-memory objects. bench/graphql-js/bench.mjs times graphql-js on the same documents and data;
/// bench/run-engine-bench.sh prints both side by side. Method names match bench.mjs's operation names.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks : IDisposable
{
    private Schema _schema = null!;
    private GraphQLExecutor _executor = null!;
    private string _introspectionText = null!;
    private string _threeLevelText = null!;
    private DocumentNode _introspectionDoc = null!;
    private DocumentNode _threeLevelDoc = null!;
    private PreparedDocument _introspectionPrepared = null!;
    private PreparedDocument _threeLevelPrepared = null!;
    private readonly ValidationOptions _validationOptions = new() { MaxDepth = null, MaxComplexity = null };
    private readonly MemoryStream _buffer = new();

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <remarks>Not sealed: BenchmarkDotNet's generated runner derives from the benchmark class.</remarks>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _executor.Dispose();
            _buffer.Dispose();
        }
    }

    /// <summary>Each step may fail while the engine is unfinished; only the benchmarks that need it then fail.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _introspectionText = File.ReadAllText(Path.Combine(BenchData.DocumentsDir, "introspection.graphql"));
        _threeLevelText = File.ReadAllText(Path.Combine(BenchData.DocumentsDir, "three-level.graphql"));
        _introspectionDoc = Parser.Parse(_introspectionText);
        _threeLevelDoc = Parser.Parse(_threeLevelText);
        _schema = BuildSchema(BenchData.Build());
        _executor = new GraphQLExecutor(_schema, new ExecutorOptions { MaxDepth = null, MaxComplexity = null });
        try
        {
            _introspectionPrepared = _executor.Prepare(_introspectionText);
            _threeLevelPrepared = _executor.Prepare(_threeLevelText);
            foreach (var prepared in new[] { _introspectionPrepared, _threeLevelPrepared })
            {
                if (!prepared.IsValid) throw new InvalidOperationException("Benchmark document is invalid: " + prepared.Errors[0].Message);
                var result = _executor.ExecuteAsync(new ExecutionRequest { Document = prepared }).GetAwaiter().GetResult();
                if (result.Errors.Count > 0) throw new InvalidOperationException("Benchmark document failed: " + result.Errors[0].Message);
            }
        }
        catch (NotImplementedException e)
        {
            Console.WriteLine("// executor not implemented yet, Execute_* benchmarks will fail: " + e.Message);
        }
    }

    public static Schema BuildSchema(Parent[] data)
    {
        var sdl = File.ReadAllText(Path.Combine(BenchData.DocumentsDir, "schema.graphql"));
        return new SchemaBuilder()
            .AddTypeDefinitions(sdl)
            .BindField("Query", "parents", _ => new ValueTask<object?>(data))
            .BindField("Query", "parent", ctx => new ValueTask<object?>(data.FirstOrDefault(p => p.Id == (string?)ctx.Arguments["id"])))
            .BindField("Query", "node", _ => new ValueTask<object?>((object?)null))
            .BindField("Query", "version", _ => new ValueTask<object?>("1"))
            .BindType<Parent>("Parent", b => b.Field("id", p => p.Id).Field("name", p => p.Name).Field("level", p => p.Level).Field("children", p => p.Children))
            .BindType<Child>("Child", b => b.Field("id", c => c.Id).Field("name", c => c.Name).Field("level", c => c.Level).Field("value", c => c.Value)
                .Field("grandchildren", c => c.Grandchildren))
            .BindType<Grandchild>("Grandchild", b => b.Field("id", g => g.Id).Field("name", g => g.Name).Field("level", g => g.Level)
                .Field("score", g => g.Score).Field("tags", g => g.Tags))
            .BindTypeResolver("TreeNode", (value, _) => value.GetType().Name)
            .BindTypeResolver("AnyNode", (value, _) => value.GetType().Name)
            .Build();
    }

    [Benchmark] public DocumentNode Parse_Introspection() => Parser.Parse(_introspectionText);
    [Benchmark] public IReadOnlyList<Goals.GraphQL.GraphQLError> Validate_Introspection() => DocumentValidator.Validate(_schema, _introspectionDoc, _validationOptions);
    [Benchmark] public Task<ExecutionResult> Execute_Introspection() => _executor.ExecuteAsync(new ExecutionRequest { Document = _introspectionPrepared });
    [Benchmark] public Task<long> ExecuteAndSerialize_Introspection() => ExecuteAndSerialize(_introspectionPrepared);

    [Benchmark] public DocumentNode Parse_ThreeLevel() => Parser.Parse(_threeLevelText);
    [Benchmark] public IReadOnlyList<Goals.GraphQL.GraphQLError> Validate_ThreeLevel() => DocumentValidator.Validate(_schema, _threeLevelDoc, _validationOptions);
    [Benchmark] public Task<ExecutionResult> Execute_ThreeLevel() => _executor.ExecuteAsync(new ExecutionRequest { Document = _threeLevelPrepared });
    [Benchmark] public Task<long> ExecuteAndSerialize_ThreeLevel() => ExecuteAndSerialize(_threeLevelPrepared);

    /// <summary>Execute plus writing the JSON response (graphql-js side: JSON.stringify(execute(...))).</summary>
    private async Task<long> ExecuteAndSerialize(PreparedDocument document)
    {
        var result = await _executor.ExecuteAsync(new ExecutionRequest { Document = document });
        _buffer.SetLength(0);
        using var writer = new Utf8JsonWriter(_buffer);
        result.WriteTo(writer);
        writer.Flush();
        return _buffer.Length;
    }

    /// <summary>The response bytes of the last ExecuteAndSerialize_* call.</summary>
    public byte[] LastResponse => _buffer.ToArray();
}
