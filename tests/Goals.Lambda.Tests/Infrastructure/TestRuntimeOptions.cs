using Goals.Lambda.Runtime;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>
/// Deadline margins for tests: the same behaviour as production's 500/200 ms, with room for a loaded CI machine
/// (four test assemblies share two cores) to schedule the wind-down before the deadline.
/// </summary>
internal static class TestRuntimeOptions
{
    public static LambdaRuntimeOptions Create() => new()
    {
        CancellationMargin = TimeSpan.FromMilliseconds(1500),
        ResponseMargin = TimeSpan.FromMilliseconds(750),
    };

    /// <summary>Invocation budget for deadline tests: the margins above plus time for the handler to start.</summary>
    public static readonly TimeSpan DeadlineBudget = TimeSpan.FromMilliseconds(3000);
}
