using System.Collections.Concurrent;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.DataLoader;

public class DataLoaderTests
{
    private sealed record Parent(int Id);
    private sealed record Child(int Id, int ParentId);
    private sealed record Grandchild(int Id, int ChildId);

    private sealed class Counters
    {
        public readonly ConcurrentQueue<string> Batches = new();
        public int Rounds;
        public readonly ConcurrentQueue<int> ChildKeys = new();
    }

    private const string Sdl = """
        type Query { parents(n: Int!): [Parent!]! parent(id: Int!): Parent }
        type Parent { id: Int! children: [Child!]! notes: [String!]! failing: String }
        type Child { id: Int! grandchildren: [Grandchild!]! }
        type Grandchild { id: Int! }
        """;

    private static Schema BuildSchema(Counters counters, bool asyncBatches)
    {
        async Task<IReadOnlyDictionary<TKey, TValue>> Batch<TKey, TValue>(string name, IReadOnlyList<TKey> keys, Func<TKey, TValue> make)
            where TKey : notnull
        {
            counters.Batches.Enqueue(name + ":" + keys.Count);
            if (asyncBatches) await Task.Delay(5);
            var d = new Dictionary<TKey, TValue>();
            foreach (var k in keys) d[k] = make(k);
            return d;
        }

        return new SchemaBuilder().AddTypeDefinitions(Sdl)
            .BindType<object>("Query", q => q
                .Field("parents", (_, ctx) => new ValueTask<object?>(Enumerable.Range(1, ctx.GetArgument<int>("n")).Select(i => new Parent(i)).ToList()))
                .Field("parent", (_, ctx) => new ValueTask<object?>(new Parent(ctx.GetArgument<int>("id")))))
            .BindType<Parent>("Parent", p => p
                .Field("id", x => x.Id)
                .Field("children", async (x, ctx) =>
                {
                    counters.ChildKeys.Enqueue(x.Id);
                    var loader = ctx.DataLoaders.GetOrAdd<int, Child[]>("children",
                        (keys, _) => Batch("children", keys, k => new[] { new Child(k * 10, k), new Child(k * 10 + 1, k) }));
                    return await loader.LoadAsync(x.Id);
                })
                .Field("notes", async (x, ctx) =>
                {
                    var loader = ctx.DataLoaders.GetOrAdd<int, string[]>("notes",
                        (keys, _) => Batch("notes", keys, k => new[] { "n" + k }));
                    return await loader.LoadAsync(x.Id);
                })
                .Field("failing", async (x, ctx) =>
                {
                    var loader = ctx.DataLoaders.GetOrAdd<int, string>("failing",
                        (_, _) => Task.FromException<IReadOnlyDictionary<int, string>>(new GraphQLException("batch failed", "DB")));
                    return await loader.LoadAsync(x.Id);
                }))
            .BindType<Child>("Child", c => c
                .Field("id", x => x.Id)
                .Field("grandchildren", async (x, ctx) =>
                {
                    var loader = ctx.DataLoaders.GetOrAdd<int, Grandchild[]>("grandchildren",
                        (keys, _) => Batch("grandchildren", keys, k => new[] { new Grandchild(k * 10, k) }));
                    return await loader.LoadAsync(x.Id);
                }))
            .BindType<Grandchild>("Grandchild", g => g.Field("id", x => x.Id))
            .Build();
    }

    private static async Task<(string Json, Counters Counters)> Run(string query, bool asyncBatches = false)
    {
        var counters = new Counters();
        using var executor = new GraphQLExecutor(BuildSchema(counters, asyncBatches));
        var loaders = new DataLoaderContext
        {
            AfterBatchesStarted = _ =>
            {
                Interlocked.Increment(ref counters.Rounds);
                return ValueTask.CompletedTask;
            },
        };
        var result = await executor.ExecuteAsync(new ExecutionRequest { Document = executor.Prepare(query), DataLoaders = loaders });
        return (result.ToJson(), counters);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThreeLevelsOverHundredParentsCostOneBatchPerLoaderField(bool asyncBatches)
    {
        var (json, counters) = await Run("{ parents(n: 100) { id children { id grandchildren { id } } notes } }", asyncBatches);
        Assert.DoesNotContain("errors", json, StringComparison.Ordinal);
        Assert.Equal(["children:100", "notes:100", "grandchildren:200"], counters.Batches.OrderBy(x => x).ToArray().OrderBy(x => x.StartsWith("grand", StringComparison.Ordinal)));
        Assert.Equal(2, counters.Rounds); // children+notes in round 1, grandchildren in round 2
        Assert.StartsWith("{\"data\":{\"parents\":[{\"id\":1,\"children\":[{\"id\":10,\"grandchildren\":[{\"id\":100}]},{\"id\":11,\"grandchildren\":[{\"id\":110}]}],\"notes\":[\"n1\"]}",
            json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameKeyTwiceInARequestLoadsOnce()
    {
        var (json, counters) = await Run("{ a: parent(id: 1) { children { id } } b: parent(id: 1) { children { id } } c: parent(id: 2) { children { id } } }");
        Assert.Equal(["children:2"], counters.Batches.ToArray());
        Assert.Equal(Json("{'data':{'a':{'children':[{'id':10},{'id':11}]},'b':{'children':[{'id':10},{'id':11}]},'c':{'children':[{'id':20},{'id':21}]}}}"), json);
        var (_, second) = await Run("{ a: parent(id: 1) { children { id } } }");
        Assert.Equal(["children:1"], second.Batches.ToArray()); // the cache is per request
    }

    [Fact]
    public async Task BatchErrorsFailOnlyTheFieldsOfThoseKeys()
    {
        var (json, counters) = await Run("{ parents(n: 2) { id failing notes } }");
        Assert.Equal(Json("""
            {'errors':[{'message':'batch failed','locations':[{'line':1,'column':22}],'path':['parents',0,'failing'],'extensions':{'code':'DB'}},
                       {'message':'batch failed','locations':[{'line':1,'column':22}],'path':['parents',1,'failing'],'extensions':{'code':'DB'}}],
             'data':{'parents':[{'id':1,'failing':null,'notes':['n1']},{'id':2,'failing':null,'notes':['n2']}]}}
            """), json);
        Assert.Equal(1, counters.Rounds);
    }

    [Fact]
    public async Task MissingKeyGivesDefault()
    {
        var context = new DataLoaderContext();
        var loader = context.GetOrAdd<int, string>("x", (keys, _) => Task.FromResult<IReadOnlyDictionary<int, string>>(new Dictionary<int, string> { [1] = "one" }));
        var one = loader.LoadAsync(1);
        var two = loader.LoadAsync(2);
        Assert.Same(one, loader.LoadAsync(1));
        Assert.True(context.HasPendingLoads);
        await context.DispatchPendingAsync();
        Assert.Equal("one", await one);
        Assert.Null(await two);
        Assert.Equal(1, context.RoundCount);
        Assert.Same(loader, context.GetOrAdd<int, string>("x", (_, _) => throw new InvalidOperationException()));
        Assert.Throws<InvalidOperationException>(() => context.GetOrAdd<string, string>("x", (_, _) => throw new InvalidOperationException()));
    }
}

public class DataLoaderHookTests
{
    [Fact]
    public async Task FailingHookFailsThePendingLoadsInsteadOfHanging()
    {
        var context = new DataLoaderContext { AfterBatchesStarted = _ => throw new InvalidOperationException("flush failed") };
        var never = new TaskCompletionSource<IReadOnlyDictionary<int, string>>();
        var loader = context.GetOrAdd<int, string>("x", (_, _) => never.Task);
        var load = loader.LoadAsync(1);
        await context.DispatchPendingAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("flush failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => load)).Message);
    }
}

public class DataLoaderSchedulingTests
{
    [Fact]
    public async Task RealIoBeforeLoadsAndChainedLoadsComplete()
    {
        var batches = new ConcurrentQueue<string>();
        Task<IReadOnlyDictionary<int, int>> Batch(string name, IReadOnlyList<int> keys)
        {
            batches.Enqueue(name);
            return Task.FromResult<IReadOnlyDictionary<int, int>>(keys.ToDictionary(k => k, k => k * 2));
        }

        var schema = new SchemaBuilder().AddTypeDefinitions("type Query { items: [Item] } type Item { io: Int chained: Int }")
            .BindType<object>("Query", q => q.Field("items", _ => Enumerable.Range(1, 10).ToArray()))
            .BindType<int>("Item", i => i
                .Field("io", async (x, ctx) =>
                {
                    await Task.Delay(5 + x % 3);
                    return await ctx.DataLoaders.GetOrAdd<int, int>("io", (k, _) => Batch("io", k)).LoadAsync(x);
                })
                .Field("chained", async (x, ctx) =>
                {
                    var a = await ctx.DataLoaders.GetOrAdd<int, int>("a", (k, _) => Batch("a", k)).LoadAsync(x);
                    return await ctx.DataLoaders.GetOrAdd<int, int>("b", (k, _) => Batch("b", k)).LoadAsync(a);
                }))
            .Build();
        var json = await Goals.GraphQL.Tests.Execution.TestHelpers.Run(schema, "{ items { io chained } }").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("{\"data\":{\"items\":[{\"io\":2,\"chained\":4},{\"io\":4,\"chained\":8}", json, StringComparison.Ordinal);
        Assert.Equal(1, batches.Count(b => b == "a"));
        Assert.Equal(1, batches.Count(b => b == "b"));
        Assert.InRange(batches.Count(b => b == "io"), 1, 10);
    }
}
