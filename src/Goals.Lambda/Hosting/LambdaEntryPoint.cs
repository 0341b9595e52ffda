using Goals.Lambda.Runtime;
using Goals.Lambda.Server;
using Goals.Lambda.SnapStart;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Hosting;

/// <summary>Runs a built (not started) host as a Lambda custom runtime.</summary>
public static class LambdaEntryPoint
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <param name="host">Built, not started: the entry point starts it during init.</param>
    /// <param name="handlerName">Defaults to env <c>_HANDLER</c>; see <see cref="LambdaHandlerNames"/>.</param>
    /// <param name="cancellationToken">Stops the loop (the process is ending).</param>
    /// <returns>The process exit code: non-zero when init failed or the Runtime API went away.</returns>
    public static async Task<int> RunAsync(IHost host, string? handlerName = null, CancellationToken cancellationToken = default)
    {
        var runtimeApi = LambdaEnvironment.RuntimeApi
            ?? throw new InvalidOperationException($"{LambdaEnvironment.RuntimeApiVariable} is not set; this is not a Lambda environment.");
        using var client = new LambdaRuntimeClient(runtimeApi);
        return await RunAsync(host, handlerName ?? LambdaEnvironment.HandlerName, client, cancellationToken);
    }

    /// <summary>
    /// Builds the host inside the runtime's init phase, so a failure while the app is built (configuration, DI, the
    /// schema) is posted to <c>/runtime/init/error</c> like any other init failure. The host is disposed afterwards.
    /// </summary>
    public static async Task<int> RunAsync(Func<IHost> buildHost, string? handlerName = null, CancellationToken cancellationToken = default)
    {
        var runtimeApi = LambdaEnvironment.RuntimeApi
            ?? throw new InvalidOperationException($"{LambdaEnvironment.RuntimeApiVariable} is not set; this is not a Lambda environment.");
        using var client = new LambdaRuntimeClient(runtimeApi);
        return await RunAsync(buildHost, handlerName ?? LambdaEnvironment.HandlerName, client, cancellationToken);
    }

    internal static async Task<int> RunAsync(Func<IHost> buildHost, string? handlerName, LambdaRuntimeClient client, CancellationToken cancellationToken)
    {
        IHost host;
        try
        {
            host = buildHost();
        }
        catch (Exception exception)
        {
            // No logger exists yet: one JSON line on stderr, which Lambda puts in the function's log.
            await Console.Error.WriteLineAsync(BuildFailureLogLine.Format(exception));
            try
            {
                await client.PostInitErrorAsync(LambdaError.FromException(exception), cancellationToken);
            }
            catch (Exception postException)
            {
                await Console.Error.WriteLineAsync(BuildFailureLogLine.Format(postException, "Posting the init error failed"));
            }

            return LambdaRuntimeLoop.ExitCodeInitFailed;
        }

        try
        {
            return await RunAsync(host, handlerName, client, cancellationToken);
        }
        finally
        {
            if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else host.Dispose();
        }
    }

    internal static async Task<int> RunAsync(IHost host, string? handlerName, LambdaRuntimeClient client, CancellationToken cancellationToken)
    {
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Goals.Lambda");
        var options = host.Services.GetService<LambdaRuntimeOptions>() ?? LambdaRuntimeOptions.FromEnvironment();
        var snapStart = LambdaSnapStart.IsSnapStart
            ? new LambdaSnapStart(host.Services.GetServices<ILambdaSnapshotHook>().ToArray(), host.Services.GetService<LambdaSnapStartOptions>(), logger)
            : null;
        var loop = new LambdaRuntimeLoop(client, options, logger, host.Services.GetServices<ILambdaTelemetryFlush>().ToArray(), snapStart);

        // SIGTERM (sent when the environment shuts down and extensions are registered) stops the host's
        // lifetime; stop fetching invocations then so the process can exit cleanly.
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var exitCode = await loop.RunAsync(ct => InitializeAsync(host, handlerName, logger, ct), stopping.Token);
        try
        {
            // Bounded: after a handler outlived its deadline the process must go even if something still holds on.
            using var stopTimeout = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(stopTimeout.Token);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Stopping the host failed");
        }

        return exitCode;
    }

    private static async Task<ILambdaHandler> InitializeAsync(IHost host, string? handlerName, ILogger logger, CancellationToken cancellationToken)
    {
        var phases = new LambdaInitPhases(logger);
        var handler = await phases.RunAsync("resolve-handler", () => Task.FromResult(LambdaHandlerFactory.Create(handlerName, host.Services)));
        await phases.RunAsync("host-start", () => host.StartAsync(cancellationToken));
        if (handlerName == LambdaHandlerNames.Api && host.Services.GetService<IServer>() is LambdaServer { IsStarted: false })
        {
            throw new InvalidOperationException("The host started but LambdaServer was not; is this a web host?");
        }

        foreach (var step in host.Services.GetServices<LambdaInitStep>())
        {
            await phases.RunAsync(step.Name, () => step.RunAsync(host.Services, cancellationToken));
        }

        phases.LogTotal();
        logger.LogInformation("Lambda handler '{Handler}' ready", handlerName);
        return handler;
    }
}
