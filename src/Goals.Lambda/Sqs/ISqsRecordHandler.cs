namespace Goals.Lambda.Sqs;

/// <summary>
/// Handles one SQS message. Resolved from a fresh DI scope per record; throw to have the message retried
/// (and, after the queue's maxReceiveCount, moved to the dead-letter queue).
/// </summary>
public interface ISqsRecordHandler
{
    Task HandleAsync(SqsRecord record, CancellationToken cancellationToken);
}
