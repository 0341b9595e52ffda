using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Goals.Lambda.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Goals.Lambda.Logging;

/// <summary>
/// One JSON object per line, in the shape Lambda's JSON log format understands: <c>timestamp</c> (RFC 3339) and
/// <c>level</c> (TRACE…FATAL, so the function's application log-level filter works), then <c>requestId</c> and
/// <c>traceId</c> (X-Ray root) of the invocation being served, <c>spanId</c> of the current Activity, <c>category</c>,
/// <c>message</c>, <c>exception</c>, and the message template's values as top-level keys.
/// </summary>
public sealed class LambdaJsonConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "lambda-json";

    private static readonly string[] ReservedKeys = ["timestamp", "level", "requestId", "traceId", "spanId", "category", "message", "exception", "eventId"];

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        if (!TryWriteLine(logEntry, buffer)) return;
        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Writes the entry as one UTF-8 JSON line (with its '\n') to <paramref name="output"/>; false when there is
    /// nothing to say (no message and no exception).</summary>
    public static bool TryWriteLine<TState>(in LogEntry<TState> logEntry, IBufferWriter<byte> output)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && string.IsNullOrEmpty(message))
        {
            return false;
        }

        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            var invocation = LambdaInvocationContext.Current;
            if (invocation is not null)
            {
                json.WriteString("requestId", invocation.RequestId);
            }

            var traceId = XRayTraceContext.RootOf(invocation?.TraceId) ?? Activity.Current?.TraceId.ToHexString();
            if (traceId is not null) json.WriteString("traceId", traceId);
            if (Activity.Current is { } activity) json.WriteString("spanId", activity.SpanId.ToHexString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            if (logEntry.EventId.Id != 0) json.WriteNumber("eventId", logEntry.EventId.Id);
            if (logEntry.Exception is not null) json.WriteString("exception", logEntry.Exception.ToString());
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key == "{OriginalFormat}" || ReservedKeys.Contains(key, StringComparer.OrdinalIgnoreCase)) continue;
                    WriteValue(json, key, value);
                }
            }

            json.WriteEndObject();
        }

        output.Write("\n"u8);
        return true;
    }

    /// <summary>Lambda's application log levels.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "FATAL",
        _ => "INFO",
    };

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int or long or short or byte or sbyte or uint or ushort: json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumber(key, u); break;
            case decimal m: json.WriteNumber(key, m); break;
            case double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default: json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
