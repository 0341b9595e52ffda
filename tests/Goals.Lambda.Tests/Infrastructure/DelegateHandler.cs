using Goals.Lambda.Runtime;

namespace Goals.Lambda.Tests.Infrastructure;

internal sealed class DelegateHandler(Func<LambdaInvocation, CancellationToken, Task<ReadOnlyMemory<byte>>> handle) : ILambdaHandler
{
    public Task<ReadOnlyMemory<byte>> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken) =>
        handle(invocation, cancellationToken);
}
