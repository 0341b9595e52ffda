namespace Goals.Lambda.Runtime;

/// <summary>
/// Deadline handling. The handler's token fires at <c>deadline − CancellationMargin</c> so it can wind down
/// (a gateway 504, SQS partial-batch failures); if it has still not answered at <c>deadline − ResponseMargin</c>
/// the loop answers for it, so Lambda never kills the invocation with its own opaque timeout. Winding down takes a
/// cancel request to the database and a ROLLBACK, hundreds of milliseconds on a CPU-starved instance, hence a second.
/// </summary>
public sealed class LambdaRuntimeOptions
{
    public TimeSpan CancellationMargin { get; set; } = TimeSpan.FromMilliseconds(1000);

    public TimeSpan ResponseMargin { get; set; } = TimeSpan.FromMilliseconds(300);
}
