using System.Text;

namespace Goals.Api.Schema;

/// <summary>The public contract, schema/goals.graphql, embedded in the assembly.</summary>
public static class GoalsSdl
{
    public const string ResourceName = "goals.graphql";

    public static string Load()
    {
        using var stream = typeof(GoalsSdl).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
