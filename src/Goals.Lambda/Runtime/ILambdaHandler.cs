namespace Goals.Lambda.Runtime;

/// <summary>Turns one raw event into the raw bytes posted back as the invocation response.</summary>
public interface ILambdaHandler
{
    /// <param name="invocation">The event and its request id, deadline and trace header.</param>
    /// <param name="cancellationToken">Fires <see cref="LambdaRuntimeOptions.CancellationMargin"/> before the deadline.</param>
    Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>
/// A handler that can answer a timed-out invocation with a regular response (e.g. a gateway 504)
/// instead of an invocation error.
/// </summary>
public interface ILambdaTimeoutResponder
{
    ReadOnlyMemory<byte> CreateTimeoutResponse(LambdaInvocation invocation);
}
