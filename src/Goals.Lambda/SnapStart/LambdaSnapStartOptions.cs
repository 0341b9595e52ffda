namespace Goals.Lambda.SnapStart;

/// <summary>
/// Events the handler serves before the snapshot is taken, so the JIT and lazy caches of the paths a real request takes
/// are in the snapshot (their answers are discarded). Register an instance in DI; without one, no warm-up runs.
/// </summary>
public sealed class LambdaSnapStartOptions
{
    public IReadOnlyList<byte[]> WarmUpEvents { get; init; } = [];

    /// <summary>How many times each event is served (tiered JIT promotes hot methods after ~30 calls).</summary>
    public int WarmUpRounds { get; init; } = 3;
}
