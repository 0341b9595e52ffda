using Goals.Lambda.Hosting;
using Goals.Lambda.Runtime;
using Microsoft.AspNetCore.Builder;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>
/// The echo app hosted on LambdaServer, run by <see cref="LambdaEntryPoint"/> as the <c>api</c> handler
/// against the Runtime API emulator. Shared by a test class; invocations are served one at a time.
/// </summary>
public sealed class ApiLambdaHarness : IAsyncLifetime
{
    private readonly CancellationTokenSource stop = new();
    private RuntimeApiEmulator? emulator;
    private WebApplication? app;
    private LambdaRuntimeClient? client;
    private Task<int>? run;

    internal RuntimeApiEmulator Emulator => emulator ?? throw new InvalidOperationException("Not started.");

    /// <summary>The entry point's exit code, once the loop stopped.</summary>
    internal Task<int> ExitCode => run ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        emulator = await RuntimeApiEmulator.StartAsync();
        app = EchoApp.Build();
        client = new LambdaRuntimeClient(emulator.Address);
        run = LambdaEntryPoint.RunAsync(app, LambdaHandlerNames.Api, client, stop.Token);
    }

    internal async Task<ProxyResponse> InvokeAsync(byte[] evt, TimeSpan? timeout = null) =>
        ProxyResponse.Parse(await Emulator.InvokeAsync(evt, timeout));

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (run is not null)
        {
            await run.WaitAsync(TimeSpan.FromSeconds(10));
        }

        client?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        stop.Dispose();
    }
}
