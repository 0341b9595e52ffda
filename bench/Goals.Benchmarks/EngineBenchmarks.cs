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
public class EngineBenchmarks
{
    private Schema schema = null!;
    private GraphQLExecutor executor = null!;
    private string introspectionText = null!;
    private string threeLevelText = null!;
    private DocumentNode introspectionDoc = null!;
    private DocumentNode threeLevelDoc = null!;
    private PreparedDocument introspectionPrepared = null!;
    private PreparedDocument threeLevelPrepared = null!;
    private readonly ValidationOptions validationOptions = new() { MaxDepth = null, MaxComplexity = null };
    private readonly MemoryStream buffer = new();

    /// <summary>Each step may fail while the engine is unfinished; only the benchmarks that need it then fail.</summary>
    [GlobalSetup]
    public void Setup()
    {
        introspectionText = File.ReadAllText(Path.Combine(BenchData.DocumentsDir, "introspection.graphql"));
        threeLevelText = File.ReadAllText(Path.Combine(BenchData.DocumentsDir, "three-level.graphql"));
        introspectionDoc = Parser.Parse(introspectionText);
        threeLevelDoc = Parser.Parse(threeLevelText);
        schema = BuildSchema(BenchData.Build());
        executor = new GraphQLExecutor(schema, new ExecutorOptions { MaxDepth = null, MaxComplexity = null });
        try
        {
            introspectionPrepared = executor.Prepare(introspectionText);
            threeLevelPrepared = executor.Prepare(threeLevelText);
            foreach (var prepared in new[] { introspectionPrepared, threeLevelPrepared })
            {
                if (!prepared.IsValid) throw new InvalidOperationException("Benchmark document is invalid: " + prepared.Errors[0].Message);
                var result = executor.ExecuteAsync(new ExecutionRequest { Document = prepared }).GetAwaiter().GetResult();
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

    [Benchmark] public DocumentNode Parse_Introspection() => Parser.Parse(introspectionText);
    [Benchmark] public IReadOnlyList<Goals.GraphQL.GraphQLError> Validate_Introspection() => DocumentValidator.Validate(schema, introspectionDoc, validationOptions);
    [Benchmark] public Task<ExecutionResult> Execute_Introspection() => executor.ExecuteAsync(new ExecutionRequest { Document = introspectionPrepared });
    [Benchmark] public Task<long> ExecuteAndSerialize_Introspection() => ExecuteAndSerialize(introspectionPrepared);

    [Benchmark] public DocumentNode Parse_ThreeLevel() => Parser.Parse(threeLevelText);
    [Benchmark] public IReadOnlyList<Goals.GraphQL.GraphQLError> Validate_ThreeLevel() => DocumentValidator.Validate(schema, threeLevelDoc, validationOptions);
    [Benchmark] public Task<ExecutionResult> Execute_ThreeLevel() => executor.ExecuteAsync(new ExecutionRequest { Document = threeLevelPrepared });
    [Benchmark] public Task<long> ExecuteAndSerialize_ThreeLevel() => ExecuteAndSerialize(threeLevelPrepared);

    /// <summary>Execute plus writing the JSON response (graphql-js side: JSON.stringify(execute(...))).</summary>
    private async Task<long> ExecuteAndSerialize(PreparedDocument document)
    {
        var result = await executor.ExecuteAsync(new ExecutionRequest { Document = document });
        buffer.SetLength(0);
        using var writer = new Utf8JsonWriter(buffer);
        result.WriteTo(writer);
        writer.Flush();
        return buffer.Length;
    }

    /// <summary>The response bytes of the last ExecuteAndSerialize_* call.</summary>
    public byte[] LastResponse => buffer.ToArray();
}
