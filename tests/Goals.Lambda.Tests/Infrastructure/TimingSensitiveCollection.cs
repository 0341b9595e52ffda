namespace Goals.Lambda.Tests.Infrastructure;

/// <summary>Deadline tests measure wall-clock margins; run them alone, not beside CPU-heavy tests on a 2-core box.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive";
}
