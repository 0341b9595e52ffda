using Amazon.SQS;
using Amazon.SQS.Model;
using Goals.Api.Configuration;
using Goals.Data.Jobs;

namespace Goals.Api.Jobs;

/// <summary>Tells the workers a committed job exists. Called only after the job row committed; may throw (the sweeper
/// republishes jobs left unpublished).</summary>
public interface IJobPublisher
{
    Task PublishAsync(JobKey key, CancellationToken ct);
}

/// <summary>The job's message on the SQS queue (AWSSDK.SQS).</summary>
public sealed class SqsJobPublisher(IAmazonSQS sqs, JobsOptions options) : IJobPublisher
{
    public async Task PublishAsync(JobKey key, CancellationToken ct) =>
        await sqs.SendMessageAsync(new SendMessageRequest(options.QueueUrl, JobMessage.Format(key)), ct);
}

/// <summary>No queue: wakes the in-process worker, which drains the table anyway.</summary>
public sealed class LocalJobPublisher : IJobPublisher, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public Task PublishAsync(JobKey key, CancellationToken ct)
    {
        if (_signal.CurrentCount == 0) _signal.Release();
        return Task.CompletedTask;
    }

    /// <summary>Waits for a new job or the timeout.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}
