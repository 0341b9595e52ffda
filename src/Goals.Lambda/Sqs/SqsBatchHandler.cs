using System.Text.Json;
using Goals.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Goals.Lambda.Sqs;

/// <summary>
/// The <c>worker</c> handler: dispatches records one by one and reports the failed ones, so only those
/// are retried. Once the deadline token fires, the remaining records are reported as failures unprocessed.
/// </summary>
public sealed class SqsBatchHandler(IServiceScopeFactory scopes, ILogger<SqsBatchHandler> logger) : ILambdaHandler
{
    public async Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        // A malformed event throws: the invocation errors and the whole batch is retried.
        var evt = JsonSerializer.Deserialize(Utf8Bom.Strip(invocation.Event).Span, SqsJsonContext.Default.SqsEvent)
            ?? throw new JsonException("The SQS event is JSON null.");
        var failures = new List<SqsBatchItemFailure>();
        var failRest = false;
        foreach (var record in evt.Records)
        {
            if (failRest || cancellationToken.IsCancellationRequested)
            {
                failures.Add(new SqsBatchItemFailure(record.MessageId));
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISqsRecordHandler>().HandleAsync(record, cancellationToken);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "SQS message {MessageId} failed", record.MessageId);
                failures.Add(new SqsBatchItemFailure(record.MessageId));

                // FIFO order: a later message of the group must not overtake the failed one.
                failRest = record.EventSourceArn?.EndsWith(".fifo", StringComparison.Ordinal) == true;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(new SqsBatchResponse(failures), SqsJsonContext.Default.SqsBatchResponse);
    }
}
