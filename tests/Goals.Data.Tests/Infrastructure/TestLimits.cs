namespace Goals.Data.Tests.Infrastructure;

public static class TestLimits
{
    /// <summary>For tests about something else than the per-student limits.</summary>
    public const int None = int.MaxValue;
}
