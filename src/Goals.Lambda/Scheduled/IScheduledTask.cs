namespace Goals.Lambda.Scheduled;

/// <summary>The work of a scheduled function (the event itself carries nothing it needs). Resolved from a fresh DI scope per invocation.</summary>
public interface IScheduledTask
{
    Task RunAsync(CancellationToken cancellationToken);
}
