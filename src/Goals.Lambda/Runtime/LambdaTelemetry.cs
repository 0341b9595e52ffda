using System.Diagnostics;

namespace Goals.Lambda.Runtime;

/// <summary>The runtime's ActivitySource: one <c>Goals.Lambda.Invocation</c> span per invocation, child of the X-Ray trace.</summary>
public static class LambdaTelemetry
{
    public const string SourceName = "Goals.Lambda";
    public static readonly ActivitySource Source = new(SourceName);
}
