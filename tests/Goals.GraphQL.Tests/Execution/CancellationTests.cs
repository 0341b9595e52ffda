using Goals.GraphQL.Execution;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Execution;

/// <summary>
/// A cancelled execution returns only once every resolver it started has finished, so its caller can release what
/// they use (the request's database connection); it starts nothing new, and fails queued loads instead of hanging.
/// </summary>
public class CancellationTests
{
    private const string Sdl = """
        type Query { items(n: Int!): [Item!]! slow: Int stubborn: Int }
        type Item { id: Int! detail: String! }
        """;

    private sealed class Probe
    {
        public int Running;
        public int Started;
        public int DetailsResolved;
        public int BatchesDispatched;
        public readonly TaskCompletionSource AllStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Expected;

        public void Enter()
        {
            Interlocked.Increment(ref Running);
            if (Interlocked.Increment(ref Started) == Expected) AllStarted.TrySetResult();
        }
    }

    private static GraphQLExecutor Build(Probe probe, TimeSpan? grace = null)
    {
        var schema = new SchemaBuilder().AddTypeDefinitions(Sdl)
            .BindType<object>("Query", q => q
                .Field("items", (_, ctx) => new ValueTask<object?>(Enumerable.Range(1, ctx.GetArgument<int>("n")).ToList()))
                .Field("slow", async (_, ctx) =>
                {
                    probe.Enter();
                    try
                    {
                        await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                        return 1;
                    }
                    finally
                    {
                        // Simulates a command that takes a moment to acknowledge the cancellation.
                        Thread.Sleep(50);
                        Interlocked.Decrement(ref probe.Running);
                    }
                })
                .Field("stubborn", async (_, _) =>
                {
                    probe.Enter();
                    await Task.Delay(TimeSpan.FromSeconds(2));
                    Interlocked.Decrement(ref probe.Running);
                    return 2;
                }))
            .BindType<int>("Item", i => i
                .Field("id", x => x)
                .Field("detail", async (x, ctx) =>
                {
                    var loader = ctx.DataLoaders.GetOrAdd<int, string>("detail", async (keys, ct) =>
                    {
                        Interlocked.Increment(ref probe.BatchesDispatched);
                        await Task.Delay(Timeout.Infinite, ct);
                        return keys.ToDictionary(k => k, k => "d" + k);
                    });
                    var value = await loader.LoadAsync(x);
                    Interlocked.Increment(ref probe.DetailsResolved);
                    return value;
                }))
            .Build();
        return new GraphQLExecutor(schema, new ExecutorOptions { CancellationGracePeriod = grace ?? TimeSpan.FromSeconds(10) });
    }

    [Fact]
    public async Task Cancellation_returns_only_after_every_started_resolver_has_finished()
    {
        var probe = new Probe { Expected = 3 };
        using var executor = Build(probe);
        using var cancel = new CancellationTokenSource();

        var execution = executor.ExecuteAsync("{ a: slow b: slow c: slow }", cancellationToken: cancel.Token);
        await probe.AllStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => execution);
        Assert.Equal(0, Volatile.Read(ref probe.Running));
    }

    [Fact]
    public async Task A_cancelled_batch_fails_its_loads_and_no_further_round_is_dispatched()
    {
        var probe = new Probe();
        using var executor = Build(probe);
        using var cancel = new CancellationTokenSource();

        var execution = executor.ExecuteAsync("{ items(n: 50) { id detail } }", cancellationToken: cancel.Token);
        for (var i = 0; i < 1000 && Volatile.Read(ref probe.BatchesDispatched) == 0; i++) await Task.Delay(5);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => execution.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, probe.BatchesDispatched);
        Assert.Equal(0, probe.DetailsResolved);
    }

    [Fact]
    public async Task Slow_resolvers_and_a_running_batch_are_all_settled_before_a_cancelled_execution_returns()
    {
        var probe = new Probe { Expected = 1 };
        using var executor = Build(probe);
        using var cancel = new CancellationTokenSource();

        var execution = executor.ExecuteAsync("{ slow items(n: 5) { detail } }", cancellationToken: cancel.Token);
        await probe.AllStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => execution.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, probe.DetailsResolved);
        Assert.Equal(0, Volatile.Read(ref probe.Running));
    }

    [Fact]
    public async Task A_resolver_that_ignores_cancellation_is_reported_after_the_grace_period()
    {
        var probe = new Probe { Expected = 1 };
        using var executor = Build(probe, grace: TimeSpan.FromMilliseconds(100));
        using var cancel = new CancellationTokenSource();

        var execution = executor.ExecuteAsync("{ stubborn }", cancellationToken: cancel.Token);
        await probe.AllStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();

        var abandoned = await Assert.ThrowsAsync<ExecutionAbandonedException>(() => execution);
        Assert.Equal(1, abandoned.RunningResolvers);
        Assert.Equal(1, Volatile.Read(ref probe.Running));
    }
}
