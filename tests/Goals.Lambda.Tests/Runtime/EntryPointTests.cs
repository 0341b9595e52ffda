using System.Text;
using Goals.Lambda.Hosting;
using Goals.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Tests.Runtime;

public sealed class EntryPointTests
{
    [Fact]
    public async Task Unknown_handler_name_fails_init()
    {
        var (exitCode, initError) = await RunToInitErrorAsync(new HostApplicationBuilder(), "graphql");

        Assert.Equal(LambdaRuntimeLoop.ExitCodeInitFailed, exitCode);
        Assert.Contains("api, worker, migrate", initError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_handler_without_LambdaServer_fails_init()
    {
        var (_, initError) = await RunToInitErrorAsync(new HostApplicationBuilder(), LambdaHandlerNames.Api);

        Assert.Contains("UseLambdaServer", initError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_handler_without_a_record_handler_fails_init()
    {
        var (_, initError) = await RunToInitErrorAsync(new HostApplicationBuilder(), LambdaHandlerNames.Worker);

        Assert.Contains("ISqsRecordHandler", initError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_init_step_is_reported_by_name_after_earlier_steps_ran()
    {
        var ran = new List<string>();
        var builder = new HostApplicationBuilder();
        builder.Services.AddSingleton<Goals.Lambda.Sqs.ISqsRecordHandler, NoopRecordHandler>();
        builder.Services.AddLambdaInitStep("build-schema", (_, _) =>
        {
            ran.Add("build-schema");
            return Task.CompletedTask;
        });
        builder.Services.AddLambdaInitStep("open-db-connection", (_, _) => throw new TimeoutException("database unreachable"));

        var (exitCode, initError) = await RunToInitErrorAsync(builder, LambdaHandlerNames.Worker);

        Assert.Equal(1, exitCode);
        Assert.Equal(["build-schema"], ran);
        Assert.Contains("database unreachable", initError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_while_the_app_is_built_is_posted_to_init_error()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var client = new LambdaRuntimeClient(emulator.Address);

        var exitCode = await LambdaEntryPoint.RunAsync(
            () => throw new InvalidOperationException("Auth:Issuer is not configured."), LambdaHandlerNames.Api, client, CancellationToken.None);
        var initError = await emulator.InitError.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LambdaRuntimeLoop.ExitCodeInitFailed, exitCode);
        Assert.Equal("System.InvalidOperationException", initError.ErrorType);
        Assert.Contains("Auth:Issuer is not configured.", Encoding.UTF8.GetString(initError.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_built_by_the_entry_point_is_served_and_disposed()
    {
        var builder = new HostApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Goals.Lambda.Sqs.ISqsRecordHandler, NoopRecordHandler>();
        var host = builder.Build();
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var client = new LambdaRuntimeClient(emulator.Address);
        var run = LambdaEntryPoint.RunAsync(() => host, LambdaHandlerNames.Worker, client, CancellationToken.None);

        var served = await emulator.InvokeAsync("{\"Records\":[]}"u8.ToArray());
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.False(served.IsError);
        Assert.Equal(LambdaRuntimeLoop.ExitCodeStopped, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Throws<ObjectDisposedException>(() => host.Services.GetService<IHostApplicationLifetime>());
    }

    [Fact]
    public async Task Host_shutdown_stops_the_loop_with_exit_code_zero()
    {
        var builder = new HostApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Goals.Lambda.Sqs.ISqsRecordHandler, NoopRecordHandler>();
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var host = builder.Build();
        using var client = new LambdaRuntimeClient(emulator.Address);
        var run = LambdaEntryPoint.RunAsync(host, LambdaHandlerNames.Worker, client, CancellationToken.None);
        var served = await emulator.InvokeAsync("{\"Records\":[]}"u8.ToArray());

        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.False(served.IsError);
        Assert.Equal(LambdaRuntimeLoop.ExitCodeStopped, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<(int ExitCode, string InitError)> RunToInitErrorAsync(HostApplicationBuilder builder, string handler)
    {
        builder.Logging.ClearProviders();
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        using var host = builder.Build();
        using var client = new LambdaRuntimeClient(emulator.Address);

        var exitCode = await LambdaEntryPoint.RunAsync(host, handler, client, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var initError = await emulator.InitError.WaitAsync(TimeSpan.FromSeconds(5));
        return (exitCode, Encoding.UTF8.GetString(initError.Body));
    }

    private sealed class NoopRecordHandler : Goals.Lambda.Sqs.ISqsRecordHandler
    {
        public Task HandleAsync(Goals.Lambda.Sqs.SqsRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
