using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Goals.GraphQL.Execution;

/// <summary>Writes {"errors", "data", "extensions"} straight to a Utf8JsonWriter (graphql-js key order: errors first).</summary>
internal static class ResultWriter
{
    public static void Write(Utf8JsonWriter writer, ExecutionResult result)
    {
        writer.WriteStartObject();
        if (result.Errors.Count > 0)
        {
            writer.WritePropertyName("errors"u8);
            writer.WriteStartArray();
            foreach (var error in result.Errors) WriteError(writer, error);
            writer.WriteEndArray();
        }

        if (result.HasData)
        {
            writer.WritePropertyName("data"u8);
            if (result.Data is null) writer.WriteNullValue();
            else WriteMap(writer, result.Data);
        }

        if (result.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions"u8);
            WriteValue(writer, extensions);
        }

        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message"u8, error.Message);
        if (error.Locations is { Count: > 0 } locations)
        {
            writer.WritePropertyName("locations"u8);
            writer.WriteStartArray();
            foreach (var location in locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line"u8, location.Line);
                writer.WriteNumber("column"u8, location.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (error.Path is { } path)
        {
            writer.WritePropertyName("path"u8);
            writer.WriteStartArray();
            foreach (var segment in path)
            {
                if (segment is int index) writer.WriteNumberValue(index);
                else writer.WriteStringValue(segment.ToString());
            }

            writer.WriteEndArray();
        }

        if (error.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions"u8);
            writer.WriteStartObject();
            foreach (var (key, value) in extensions)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter writer, ResultMap map)
    {
        writer.WriteStartObject();
        for (var i = 0; i < map.Count; i++)
        {
            var pair = map[i];
            writer.WritePropertyName(pair.Key);
            WriteValue(writer, pair.Value);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d:
                if (double.IsFinite(d)) writer.WriteNumberValue(d);
                else writer.WriteNullValue();
                break;
            case float f:
                if (float.IsFinite(f)) writer.WriteNumberValue(f);
                else writer.WriteNullValue();
                break;
            case decimal m: writer.WriteNumberValue(m); break;
            case ResultMap map: WriteMap(writer, map); break;
            case object?[] array:
                writer.WriteStartArray();
                foreach (var item in array) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            case short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case JsonElement element: element.WriteTo(writer); break;
            case Guid g: writer.WriteStringValue(g.ToString("D")); break;
            case DateTimeOffset dto: writer.WriteStringValue(Types.Scalars.DateTimeScalar.Format(dto)); break;
            case IEnumerable<KeyValuePair<string, object?>> dict:
                writer.WriteStartObject();
                foreach (var (key, v) in dict)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, v);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (var item in enumerable) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
