using Goals.Data.Jobs;
using Goals.Data.Transactions;

namespace Goals.Api.Jobs;

/// <summary>Publishing after the commit: a failure leaves the job queued and unpublished for the sweeper, never an error
/// for the student (the job exists; it will run).</summary>
public static class JobStarter
{
    public static async Task<bool> TryPublishAsync(IJobPublisher publisher, TransactionRunner runner, JobRepository jobs, JobKey key,
        ILogger logger, CancellationToken ct)
    {
        try
        {
            await publisher.PublishAsync(key, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Job {Job}: publishing failed; the sweeper republishes it", key);
            return false;
        }

        await runner.RunAsync((s, c) => jobs.MarkPublishedAsync(s, key, c), ct);
        return true;
    }
}
