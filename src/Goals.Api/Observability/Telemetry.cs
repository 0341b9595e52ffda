using System.Diagnostics;

namespace Goals.Api;

/// <summary>The app's ActivitySource: "graphql.execute" per GraphQL execution, "db.roundtrip" per SQL round trip
/// (the HTTP request Activity is ASP.NET Core's own).</summary>
public static class Telemetry
{
    public const string SourceName = "Goals.Api";
    public static readonly ActivitySource Source = new(SourceName);
}
