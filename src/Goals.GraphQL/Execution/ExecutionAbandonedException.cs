namespace Goals.GraphQL.Execution;

/// <summary>
/// A cancelled execution whose started resolvers did not all finish within
/// <see cref="ExecutorOptions.CancellationGracePeriod"/>: whatever they still use must not be reused until they end.
/// </summary>
public sealed class ExecutionAbandonedException(int runningResolvers, CancellationToken token)
    : OperationCanceledException($"The execution was cancelled; {runningResolvers} resolvers were still running after the grace period.", null, token)
{
    public int RunningResolvers { get; } = runningResolvers;
}
