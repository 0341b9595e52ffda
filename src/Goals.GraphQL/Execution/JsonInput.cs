using System.Text.Json;

namespace Goals.GraphQL.Execution;

/// <summary>Turns JSON (request variables, extensions) into the plain values the engine coerces. CONTRACT STUB.</summary>
public static class JsonInput
{
    /// <summary>null, bool, long (integral numbers that fit), double (other numbers), string,
    /// IReadOnlyList&lt;object?&gt;, IReadOnlyDictionary&lt;string, object?&gt;.</summary>
    public static object? ToObject(JsonElement element) => throw new NotImplementedException();

    /// <summary>Null for a JSON null or a missing value; throws for a non-object.</summary>
    public static IReadOnlyDictionary<string, object?>? ToVariables(JsonElement element) => throw new NotImplementedException();
}
