using Goals.Lambda.Runtime;

namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>
/// Deadline margins for tests: the same behaviour as production's 1000/300 ms, with room for a loaded CI machine
/// (four test assemblies share two cores) to schedule the wind-down and the loop's own answer before the deadline.
/// </summary>
internal static class TestRuntimeOptions
{
    public static LambdaRuntimeOptions Create() => new()
    {
        CancellationMargin = TimeSpan.FromMilliseconds(2000),
        ResponseMargin = TimeSpan.FromMilliseconds(1000),
    };

    /// <summary>Invocation budget for deadline tests: the margins above plus time for the handler to start.</summary>
    public static readonly TimeSpan DeadlineBudget = TimeSpan.FromMilliseconds(4000);
}
