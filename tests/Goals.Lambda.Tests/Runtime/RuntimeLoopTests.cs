using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Goals.Lambda.Runtime;
using Goals.Lambda.Tests.Infrastructure;

namespace Goals.Lambda.Tests.Runtime;

[Collection(TimingSensitiveCollection.Name)]
public sealed class RuntimeLoopTests
{
    private const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    [Fact]
    public async Task Exception_in_one_invocation_is_posted_as_error_and_the_next_is_served()
    {
        await using var run = await LoopRun.StartAsync(new DelegateHandler((invocation, _) =>
            Encoding.UTF8.GetString(invocation.Event.Span) == "\"boom\""
                ? throw new InvalidOperationException("kaput")
                : Task.FromResult<ReadOnlyMemory<byte>>(invocation.Event)));

        var failed = await run.Emulator.InvokeAsync("\"boom\""u8.ToArray());
        var served = await run.Emulator.InvokeAsync("\"fine\""u8.ToArray());

        Assert.True(failed.IsError);
        Assert.Equal("System.InvalidOperationException", failed.ErrorType);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("kaput", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("System.InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.False(served.IsError);
        Assert.Equal("\"fine\"", Encoding.UTF8.GetString(served.Body));
    }

    [Fact]
    public async Task Init_failure_is_posted_to_init_error_and_the_loop_exits_non_zero()
    {
        await using var run = await LoopRun.StartAsync(_ => throw new InvalidOperationException("no database"));

        var exitCode = await run.ExitCode.WaitAsync(TimeSpan.FromSeconds(10));
        var initError = await run.Emulator.InitError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaRuntimeLoop.ExitCodeInitFailed, exitCode);
        Assert.NotEqual(0, exitCode);
        Assert.Equal("System.InvalidOperationException", initError.ErrorType);
        Assert.Contains("no database", Encoding.UTF8.GetString(initError.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_without_a_timeout_response_gets_a_timeout_error_before_the_deadline()
    {
        await using var run = await LoopRun.StartAsync(new DelegateHandler(async (invocation, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            return invocation.Event;
        }));

        var result = await run.Emulator.InvokeAsync("{}"u8.ToArray(), timeout: TestRuntimeOptions.DeadlineBudget);

        Assert.True(result.IsError);
        Assert.Equal(LambdaError.TimeoutErrorType, result.ErrorType);
        Assert.True(result.AnsweredAt < result.Deadline);
    }

    [Fact]
    public async Task Handler_that_outlives_its_deadline_is_answered_for_and_then_the_instance_exits()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var run = await LoopRun.StartAsync(new DelegateHandler(async (invocation, _) =>
        {
            await release.Task; // ignores its token, like a synchronous call stuck in a driver
            return invocation.Event;
        }));

        var result = await run.Emulator.InvokeAsync("{}"u8.ToArray(), timeout: TestRuntimeOptions.DeadlineBudget);
        var exitCode = await run.ExitCode.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();

        Assert.Equal(LambdaError.TimeoutErrorType, result.ErrorType);
        Assert.Equal(LambdaRuntimeLoop.ExitCodeHandlerOutlivedDeadline, exitCode);
    }

    [Fact]
    public async Task Handler_token_fires_before_the_deadline_so_it_can_answer_itself()
    {
        await using var run = await LoopRun.StartAsync(new DelegateHandler(async (_, ct) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
                return "\"finished\""u8.ToArray();
            }
            catch (OperationCanceledException)
            {
                return "\"wound down\""u8.ToArray();
            }
        }));

        var result = await run.Emulator.InvokeAsync("{}"u8.ToArray(), timeout: TestRuntimeOptions.DeadlineBudget);
        var next = await run.Emulator.InvokeAsync("{}"u8.ToArray(), timeout: TestRuntimeOptions.DeadlineBudget);

        Assert.False(result.IsError);
        Assert.Equal("\"wound down\"", Encoding.UTF8.GetString(result.Body));
        Assert.True(result.AnsweredAt < result.Deadline);
        Assert.False(run.ExitCode.IsCompleted, "a handler that stopped in time leaves the instance serving");
        Assert.False(next.IsError);
    }

    [Fact]
    public async Task Trace_header_is_published_to_the_environment_and_to_Activity()
    {
        string? environment = null;
        ActivityTraceId? traceId = null;
        ActivitySpanId? parentId = null;
        bool? recorded = null;
        await using var run = await LoopRun.StartAsync(new DelegateHandler((invocation, _) =>
        {
            environment = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID");
            traceId = Activity.Current?.TraceId;
            parentId = Activity.Current?.ParentSpanId;
            recorded = Activity.Current?.Recorded;
            return Task.FromResult<ReadOnlyMemory<byte>>(invocation.Event);
        }));

        await run.Emulator.InvokeAsync("{}"u8.ToArray(), traceId: TraceHeader);

        Assert.Equal(TraceHeader, environment);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", traceId?.ToString());
        Assert.Equal("53995c3f42cd8ad8", parentId?.ToString());
        Assert.True(recorded);
    }

    [Fact]
    public async Task Invocation_metadata_reaches_the_handler()
    {
        LambdaInvocation? seen = null;
        await using var run = await LoopRun.StartAsync(new DelegateHandler((invocation, _) =>
        {
            seen = invocation;
            return Task.FromResult<ReadOnlyMemory<byte>>("null"u8.ToArray());
        }));

        var result = await run.Emulator.InvokeAsync("{\"a\":1}"u8.ToArray());

        Assert.NotNull(seen);
        Assert.Equal(result.RequestId, seen.RequestId);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:goals-test", seen.InvokedFunctionArn);
        Assert.Equal(result.Deadline.ToUnixTimeMilliseconds(), seen.Deadline.ToUnixTimeMilliseconds());
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(seen.Event.Span));
    }
}
