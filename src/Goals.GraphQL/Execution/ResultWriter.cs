using System.Text.Json;

namespace Goals.GraphQL.Execution;

/// <summary>Writes {"errors", "data", "extensions"} straight to a Utf8JsonWriter. CONTRACT STUB.</summary>
internal static class ResultWriter
{
    public static void Write(Utf8JsonWriter writer, ExecutionResult result) => throw new NotImplementedException();
}
