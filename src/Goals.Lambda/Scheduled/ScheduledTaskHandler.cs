using Goals.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Scheduled;

/// <summary>The <c>sweeper</c> handler: runs <see cref="IScheduledTask"/> once per (EventBridge schedule) invocation; a
/// failure is an invocation error, so the next tick simply runs it again.</summary>
public sealed class ScheduledTaskHandler(IServiceScopeFactory scopes, ILogger<ScheduledTaskHandler> logger) : ILambdaHandler
{
    private static readonly byte[] Done = "{}"u8.ToArray();

    public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IScheduledTask>().RunAsync(cancellationToken);
        logger.LogInformation("Scheduled task done for request {RequestId}", invocation.RequestId);
        return Done;
    }
}
