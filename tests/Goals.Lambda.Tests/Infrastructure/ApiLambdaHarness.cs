using Goals.Lambda.Hosting;
using Goals.Lambda.Runtime;
using Microsoft.AspNetCore.Builder;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>
/// The echo app hosted on LambdaServer, run by <see cref="LambdaEntryPoint"/> as the <c>api</c> handler
/// against the Runtime API emulator. Shared by a test class; invocations are served one at a time.
/// </summary>
public sealed class ApiLambdaHarness : IAsyncLifetime, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private RuntimeApiEmulator? _emulator;
    private WebApplication? _app;
    private LambdaRuntimeClient? _client;
    private Task<int>? _run;
    private int _disposed;

    internal RuntimeApiEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    /// <summary>The entry point's exit code, once the loop stopped.</summary>
    internal Task<int> ExitCode => _run ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _emulator = await RuntimeApiEmulator.StartAsync();
        _app = EchoApp.Build();
        _client = new LambdaRuntimeClient(_emulator.Address);
        _run = LambdaEntryPoint.RunAsync(_app, LambdaHandlerNames.Api, _client, _stop.Token);
    }

    internal async Task<ProxyResponse> InvokeAsync(byte[] evt, TimeSpan? timeout = null) =>
        ProxyResponse.Parse(await Emulator.InvokeAsync(evt, timeout));

    public Task DisposeAsync() => ((IAsyncDisposable)this).DisposeAsync().AsTask();

    /// <summary>Once, whether xUnit ends the fixture or a test ends its own instance.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _stop.Dispose();
    }
}
