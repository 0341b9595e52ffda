using Goals.Lambda.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>A <see cref="LambdaRuntimeLoop"/> running against its own emulator until disposed.</summary>
internal sealed class LoopRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LambdaRuntimeClient _client;

    private LoopRun(RuntimeApiEmulator emulator, Func<CancellationToken, Task<ILambdaHandler>> initialize)
    {
        Emulator = emulator;
        _client = new LambdaRuntimeClient(emulator.Address);
        var loop = new LambdaRuntimeLoop(_client, TestRuntimeOptions.Create(), NullLogger.Instance);
        ExitCode = loop.RunAsync(initialize, _stop.Token);
    }

    public RuntimeApiEmulator Emulator { get; }

    public Task<int> ExitCode { get; }

    public static async Task<LoopRun> StartAsync(Func<CancellationToken, Task<ILambdaHandler>> initialize) =>
        new(await RuntimeApiEmulator.StartAsync(), initialize);

    public static Task<LoopRun> StartAsync(ILambdaHandler handler) => StartAsync(_ => Task.FromResult(handler));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await ExitCode.WaitAsync(TimeSpan.FromSeconds(10));
        _client.Dispose();
        await Emulator.DisposeAsync();
        _stop.Dispose();
    }
}
