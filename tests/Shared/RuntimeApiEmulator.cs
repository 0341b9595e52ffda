using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Testing.Lambda;

/// <summary>
/// Source-linked (not a project) into tests/Goals.Lambda.Tests, tests/Goals.Api.Tests and bench/coldstart, so each
/// compiles its own copy; it needs only ASP.NET Core.
/// A loopback Lambda Runtime API: hands queued events to <c>invocation/next</c> and records what the runtime
/// posts back to <c>response</c>, <c>error</c> and <c>init/error</c>. Also records PUTs to <c>/put/*</c>
/// (stand-in for CloudFormation's pre-signed response URL).
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private readonly Channel<PendingInvocation> _queue = Channel.CreateUnbounded<PendingInvocation>();
    private readonly ConcurrentDictionary<string, PendingInvocation> _inFlight = new();
    private readonly TaskCompletionSource<RecordedError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RecordedError> _restoreError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _puts = new();
    private readonly WebApplication _app;
    private int _nextId;

    private RuntimeApiEmulator(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary><c>host:port</c>, the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    public Task<RecordedError> InitError => _initError.Task;

    /// <summary>SnapStart: what the runtime posted to <c>restore/error</c>.</summary>
    public Task<RecordedError> RestoreError => _restoreError.Task;

    /// <summary>Every Runtime API call in arrival order, as <c>next</c>, <c>restore/next</c>, <c>response</c>, <c>error</c>.</summary>
    public IReadOnlyCollection<string> Calls => _calls;

    public IReadOnlyCollection<(string Path, string? ContentType, byte[] Body)> Puts => _puts;

    public static async Task<RuntimeApiEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        RuntimeApiEmulator? emulator = null;
        app.MapGet("/2018-06-01/runtime/invocation/next", ctx => emulator!.NextAsync(ctx));
        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", ctx => emulator!.CompleteAsync(ctx, isError: false));
        app.MapPost("/2018-06-01/runtime/invocation/{id}/error", ctx => emulator!.CompleteAsync(ctx, isError: true));
        app.MapPost("/2018-06-01/runtime/init/error", ctx => emulator!.InitErrorAsync(ctx));
        app.MapGet("/2018-06-01/runtime/restore/next", ctx =>
        {
            emulator!._calls.Enqueue("restore/next"); // the snapshot is "restored" at once
            return Task.CompletedTask;
        });
        app.MapPost("/2018-06-01/runtime/restore/error", async ctx =>
        {
            var body = await ReadBodyAsync(ctx);
            ctx.Response.StatusCode = 202;
            emulator!._restoreError.TrySetResult(new RecordedError(ctx.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), body));
        });
        app.MapPut("/put/{**rest}", ctx => emulator!.RecordPutAsync(ctx));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        emulator = new RuntimeApiEmulator(app, $"{address.Host}:{address.Port}");
        return emulator;
    }

    /// <summary>Queues an event and waits for the runtime's answer.</summary>
    public async Task<InvocationResult> InvokeAsync(byte[] evt, TimeSpan? timeout = null, string? traceId = null)
    {
        var id = $"req-{Interlocked.Increment(ref _nextId)}";
        var pending = new PendingInvocation(id, evt, timeout ?? TimeSpan.FromSeconds(30), traceId);
        await _queue.Writer.WriteAsync(pending);
        return await pending.Result.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task NextAsync(HttpContext ctx)
    {
        _calls.Enqueue("next");
        PendingInvocation pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(ctx.RequestAborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            ctx.Response.StatusCode = 500;
            return;
        }

        pending.Deadline = DateTimeOffset.UtcNow + pending.Timeout;
        _inFlight[pending.Id] = pending;
        ctx.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = pending.Id;
        ctx.Response.Headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:goals-test";
        if (pending.TraceId is not null)
        {
            ctx.Response.Headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(pending.Event);
    }

    private async Task CompleteAsync(HttpContext ctx, bool isError)
    {
        var id = (string)ctx.Request.RouteValues["id"]!;
        var body = await ReadBodyAsync(ctx);
        var answeredAt = DateTimeOffset.UtcNow;
        if (!_inFlight.TryRemove(id, out var pending))
        {
            ctx.Response.StatusCode = 400;
            return;
        }

        ctx.Response.StatusCode = 202;
        _calls.Enqueue(isError ? "error" : "response");
        var errorType = isError ? ctx.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString() : null;
        pending.Result.TrySetResult(new InvocationResult(id, isError, errorType, body, pending.Deadline, answeredAt));
    }

    private async Task InitErrorAsync(HttpContext ctx)
    {
        var body = await ReadBodyAsync(ctx);
        ctx.Response.StatusCode = 202;
        _initError.TrySetResult(new RecordedError(ctx.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), body));
    }

    private async Task RecordPutAsync(HttpContext ctx)
    {
        _puts.Enqueue((ctx.Request.Path.Value!, ctx.Request.ContentType, await ReadBodyAsync(ctx)));
        ctx.Response.StatusCode = 200;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private sealed class PendingInvocation(string id, byte[] evt, TimeSpan timeout, string? traceId)
    {
        public string Id { get; } = id;
        public byte[] Event { get; } = evt;
        public TimeSpan Timeout { get; } = timeout;
        public string? TraceId { get; } = traceId;
        public DateTimeOffset Deadline { get; set; }
        public TaskCompletionSource<InvocationResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

public sealed record InvocationResult(string RequestId, bool IsError, string? ErrorType, byte[] Body, DateTimeOffset Deadline, DateTimeOffset AnsweredAt);

public sealed record RecordedError(string ErrorType, byte[] Body);
