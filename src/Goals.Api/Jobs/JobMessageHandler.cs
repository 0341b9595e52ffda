using Amazon.SQS;
using Amazon.SQS.Model;
using Goals.Api.Configuration;
using Goals.Lambda.Sqs;

namespace Goals.Api.Jobs;

/// <summary>
/// The Lambda <c>worker</c>'s SQS record handler: one job per message (the event source has BatchSize 1). The message
/// names the job; the job row holds everything else. Acknowledged (returns) when the job finished or is held by
/// another worker (a duplicate delivery); throws when it must run again, after hiding the message for the backoff,
/// so SQS redelivers it then; after the queue's maxReceiveCount (= Jobs:MaxAttempts) it moves to the dead-letter queue.
/// </summary>
public sealed class JobMessageHandler(JobRunner jobRunner, JobsOptions options, ILogger<JobMessageHandler> logger, IAmazonSQS? sqs = null)
    : ISqsRecordHandler
{
    public async Task HandleAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        var key = JobMessage.Parse(record.Body);
        var (outcome, job) = await jobRunner.RunAsync(key, cancellationToken);
        logger.LogInformation("Message {MessageId} for job {Job}: {Outcome}", record.MessageId, key, outcome);
        switch (outcome)
        {
            case JobRunOutcome.RetryScheduled:
                await DelayRedeliveryAsync(record, options.BackoffAfter(job!.Attempts), cancellationToken);
                throw new JobMessageException($"Job {key}: attempt {job.Attempts} failed; retried after the backoff.");
            case JobRunOutcome.AttemptsExhausted:
                await DelayRedeliveryAsync(record, TimeSpan.Zero, cancellationToken); // nothing to wait for: on to the dead-letter queue
                throw new JobMessageException($"Job {key}: the last attempt failed; the message goes on to the dead-letter queue.");
        }
    }

    private async Task DelayRedeliveryAsync(SqsRecord record, TimeSpan backoff, CancellationToken ct)
    {
        if (sqs is null || record.ReceiptHandle is null || string.IsNullOrEmpty(options.QueueUrl)) return;
        try
        {
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(options.QueueUrl, record.ReceiptHandle,
                (int)Math.Ceiling(backoff.TotalSeconds)), ct);
        }
        catch (AmazonSQSException e)
        {
            logger.LogWarning(e, "Message {MessageId}: could not set the backoff; SQS redelivers after the visibility timeout", record.MessageId);
        }
    }
}
