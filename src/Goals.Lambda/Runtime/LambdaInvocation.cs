namespace Goals.Lambda.Runtime;

/// <summary>One event handed out by the Lambda Runtime API's <c>invocation/next</c>.</summary>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? TraceId,
    string? InvokedFunctionArn,
    ReadOnlyMemory<byte> Event);
