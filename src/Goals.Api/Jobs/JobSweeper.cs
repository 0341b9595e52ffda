using Amazon.SQS;
using Amazon.SQS.Model;
using Goals.Api.Configuration;
using Goals.Data.Jobs;
using Goals.Data.Transactions;

namespace Goals.Api.Jobs;

/// <summary>
/// Keeps every job moving: re-queues jobs whose lease ran out (FAILED when no attempts are left), republishes jobs
/// that were committed but never published, and ends dead-lettered jobs as FAILED. A scheduled function in AWS; part
/// of the loop of the local worker.
/// </summary>
public sealed class JobSweeper(TransactionRunner runner, JobRepository jobs, IJobPublisher publisher, JobsOptions options,
    ILogger<JobSweeper> logger, IAmazonSQS? sqs = null)
{
    public const int BatchSize = 100;

    public sealed record SweepReport(int Requeued, int Republished, int DeadLettered);

    public async Task<SweepReport> SweepAsync(CancellationToken ct)
    {
        var requeued = 0;
        foreach (var key in await runner.RunAsync((s, c) => jobs.FindExpiredLeasesAsync(s, BatchSize, c), ct))
        {
            var status = await runner.RunAsync((s, c) => jobs.RequeueExpiredAsync(s, key, options.MaxAttempts, c), ct);
            if (status is null) continue;
            requeued++;
            logger.LogWarning("Job {Job}: lease expired, now {Status}", key, status);
        }

        var republished = 0;
        foreach (var key in await runner.RunAsync((s, c) => jobs.FindUnpublishedAsync(s, TimeSpan.FromSeconds(options.RepublishAfterSeconds), BatchSize, c), ct))
        {
            if (await JobStarter.TryPublishAsync(publisher, runner, jobs, key, logger, ct)) republished++;
            else break; // the queue is unreachable: try the rest on the next sweep
        }

        return new SweepReport(requeued, republished, await FailDeadLetteredAsync(ct));
    }

    /// <summary>Each message in the dead-letter queue ends its job as FAILED. The message stays there for operators (and the
    /// alarm), hidden for 12 h so the next sweeps do not read it again.</summary>
    private async Task<int> FailDeadLetteredAsync(CancellationToken ct)
    {
        if (sqs is null || string.IsNullOrEmpty(options.DeadLetterQueueUrl)) return 0;
        var failed = 0;
        ReceiveMessageResponse received;
        try
        {
            received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(options.DeadLetterQueueUrl)
            {
                MaxNumberOfMessages = 10,
                VisibilityTimeout = 43200,
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Sweep: the dead-letter queue is unreachable; trying again on the next sweep");
            return 0;
        }

        foreach (var message in received.Messages ?? [])
        {
            JobKey key;
            try
            {
                key = JobMessage.Parse(message.Body);
            }
            catch (JobMessageException)
            {
                logger.LogError("Dead-letter message {MessageId} is not a job message", message.MessageId);
                continue;
            }

            if (await runner.RunAsync((s, c) => jobs.FailUnfinishedAsync(s, key, "DEAD_LETTERED",
                    "The job's message could not be processed and was moved to the dead-letter queue.", c), ct))
            {
                failed++;
                logger.LogError("Job {Job}: dead-lettered, now FAILED", key);
            }
        }

        return failed;
    }
}

/// <summary>The sweeper as the scheduled Lambda function's task.</summary>
public sealed class JobSweeperTask(JobSweeper sweeper, ILogger<JobSweeperTask> logger) : Goals.Lambda.Scheduled.IScheduledTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await sweeper.SweepAsync(cancellationToken);
        logger.LogInformation("Sweep: {Requeued} leases re-queued, {Republished} jobs republished, {DeadLettered} dead-lettered jobs failed",
            report.Requeued, report.Republished, report.DeadLettered);
    }
}
