namespace Goals.Lambda.Sqs;

/// <summary>Partial batch response; needs <c>FunctionResponseTypes: [ReportBatchItemFailures]</c> on the event source.</summary>
public sealed record SqsBatchResponse(IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);

public sealed record SqsBatchItemFailure(string ItemIdentifier);
