using Goals.Lambda.Hosting;
using Goals.Lambda.Sqs;
using Goals.Lambda.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Tests.Runtime;

/// <summary>The public entry as Program.cs calls it: everything from the environment Lambda sets.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class EnvironmentEntryPointTests
{
    [Fact]
    public async Task Entry_point_reads_the_runtime_api_and_handler_from_the_environment()
    {
        await using var emulator = await RuntimeApiEmulator.StartAsync();
        var builder = new HostApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ISqsRecordHandler, NoopRecordHandler>();
        using var host = builder.Build();
        using var stop = new CancellationTokenSource();
        Assert.False(LambdaEnvironment.IsLambda);
        try
        {
            Environment.SetEnvironmentVariable(LambdaEnvironment.RuntimeApiVariable, emulator.Address);
            Environment.SetEnvironmentVariable(LambdaEnvironment.HandlerVariable, LambdaHandlerNames.Worker);
            Assert.True(LambdaEnvironment.IsLambda);

            var run = LambdaEntryPoint.RunAsync(host, cancellationToken: stop.Token);
            var result = await emulator.InvokeAsync("{\"Records\":[]}"u8.ToArray());
            await stop.CancelAsync();

            Assert.Equal("{\"batchItemFailures\":[]}", System.Text.Encoding.UTF8.GetString(result.Body));
            Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LambdaEnvironment.RuntimeApiVariable, null);
            Environment.SetEnvironmentVariable(LambdaEnvironment.HandlerVariable, null);
        }
    }

    private sealed class NoopRecordHandler : ISqsRecordHandler
    {
        public Task HandleAsync(SqsRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
