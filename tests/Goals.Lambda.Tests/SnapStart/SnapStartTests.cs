using System.Text;
using Goals.Lambda.Runtime;
using Goals.Lambda.SnapStart;
using Goals.Lambda.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Lambda.Tests.SnapStart;

public sealed class SnapStartTests
{
    [Fact]
    public async Task Warm_up_and_hooks_run_before_restore_next_and_after_restore_before_the_first_invocation()
    {
        var order = new List<string>();
        var hook = new RecordingHook(order, failAfterRestore: false);
        var options = new LambdaSnapStartOptions { WarmUpEvents = ["\"warm\""u8.ToArray()], WarmUpRounds = 2 };
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var client = new LambdaRuntimeClient(emulator.Address);
        var loop = new LambdaRuntimeLoop(client, TestRuntimeOptions.Create(), NullLogger.Instance, snapStart: new LambdaSnapStart([hook], options, NullLogger.Instance));
        using var stop = new CancellationTokenSource();
        var handler = new DelegateHandler((invocation, _) =>
        {
            lock (order) order.Add($"handle {Encoding.UTF8.GetString(invocation.Event.Span)} {invocation.RequestId}");
            return Task.FromResult(invocation.Event);
        });

        var run = loop.RunAsync(_ => Task.FromResult<ILambdaHandler>(handler), stop.Token);
        var result = await emulator.InvokeAsync("\"real\""u8.ToArray());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("\"real\"", Encoding.UTF8.GetString(result.Body));
        Assert.Equal(
            ["handle \"warm\" snapstart-warm-up-1", "handle \"warm\" snapstart-warm-up-2", "before-snapshot", "after-restore", $"handle \"real\" {result.RequestId}"],
            order);
        Assert.Equal(["restore/next", "next", "response"], emulator.Calls.Take(3));
    }

    [Fact]
    public async Task Failing_after_restore_hook_is_posted_to_restore_error_and_no_invocation_is_fetched()
    {
        var hook = new RecordingHook([], failAfterRestore: true);
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var client = new LambdaRuntimeClient(emulator.Address);
        var loop = new LambdaRuntimeLoop(client, TestRuntimeOptions.Create(), NullLogger.Instance, snapStart: new LambdaSnapStart([hook], null, NullLogger.Instance));

        var exitCode = await loop.RunAsync(_ => Task.FromResult<ILambdaHandler>(new DelegateHandler((i, _) => Task.FromResult(i.Event))), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
        var restoreError = await emulator.RestoreError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaRuntimeLoop.ExitCodeRestoreFailed, exitCode);
        Assert.Contains("database unreachable after restore", Encoding.UTF8.GetString(restoreError.Body), StringComparison.Ordinal);
        Assert.Equal(["restore/next"], emulator.Calls);
    }

    private sealed class RecordingHook(List<string> order, bool failAfterRestore) : ILambdaSnapshotHook
    {
        public Task BeforeSnapshotAsync(CancellationToken cancellationToken)
        {
            lock (order) order.Add("before-snapshot");
            return Task.CompletedTask;
        }

        public Task AfterRestoreAsync(CancellationToken cancellationToken)
        {
            if (failAfterRestore) throw new InvalidOperationException("database unreachable after restore");
            lock (order) order.Add("after-restore");
            return Task.CompletedTask;
        }
    }
}
