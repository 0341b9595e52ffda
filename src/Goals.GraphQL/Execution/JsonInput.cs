using System.Text.Json;

namespace Goals.GraphQL.Execution;

/// <summary>Turns JSON (request variables, extensions) into the plain values the engine coerces.</summary>
public static class JsonInput
{
    /// <summary>null, bool, long (integral numbers that fit), double (other numbers), string,
    /// IReadOnlyList&lt;object?&gt;, IReadOnlyDictionary&lt;string, object?&gt;.</summary>
    public static object? ToObject(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.String: return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var l) ? (object)l : element.GetDouble();
            case JsonValueKind.Array:
            {
                var list = new object?[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray()) list[i++] = ToObject(item);
                return list;
            }
            default:
            {
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject()) dict[property.Name] = ToObject(property.Value);
                return dict;
            }
        }
    }

    /// <summary>Null for a JSON null or a missing value; throws for a non-object.</summary>
    public static IReadOnlyDictionary<string, object?>? ToVariables(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object => (IReadOnlyDictionary<string, object?>)ToObject(element)!,
        _ => throw new GraphQLException("Variables must be provided as a JSON object.", ErrorCodes.BadUserInput),
    };

    /// <summary>Reads one JSON value (the reader positioned on its first token or just before it) without building a DOM.</summary>
    public static object? ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.None or JsonTokenType.PropertyName)
            if (!reader.Read()) throw new JsonException("Unexpected end of JSON.");
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return null;
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.String: return reader.GetString();
            case JsonTokenType.Number: return reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble();
            case JsonTokenType.StartArray:
            {
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) list.Add(ReadValue(ref reader));
                return list.ToArray();
            }
            case JsonTokenType.StartObject:
            {
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    dict[name] = ReadValue(ref reader);
                }

                return dict;
            }
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    /// <summary>Utf8JsonReader fast path for a variables object (or null).</summary>
    public static IReadOnlyDictionary<string, object?>? ReadVariables(ref Utf8JsonReader reader) => ReadValue(ref reader) switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> dict => dict,
        _ => throw new GraphQLException("Variables must be provided as a JSON object.", ErrorCodes.BadUserInput),
    };
}
