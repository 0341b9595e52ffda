using System.Text.Json;

namespace Goals.Lambda.Hosting;

/// <summary>
/// The log line for a failure before any logger exists, in the same JSON shape as the app's console lines
/// (<c>level</c> included, so Lambda's log-level filter keeps it).
/// </summary>
internal static class BuildFailureLogLine
{
    public static string Format(Exception exception, string message = "Building the app failed; Lambda init cannot continue")
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", "FATAL");
            json.WriteString("LogLevel", "Critical");
            json.WriteString("Category", "Goals.Lambda");
            json.WriteString("Message", message);
            json.WriteString("Exception", exception.ToString());
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
