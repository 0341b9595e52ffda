using System.Text.Json;
using Goals.Data.Jobs;

namespace Goals.Api.Jobs;

/// <summary>The SQS message of a job: <c>{"studentId":"&lt;uuid&gt;","jobId":"&lt;uuid&gt;"}</c>; the job itself stays in the table.</summary>
public static class JobMessage
{
    public static string Format(JobKey key) =>
        JobJson.Serialize(new Dictionary<string, string> { ["studentId"] = key.StudentId.ToString("D"), ["jobId"] = key.JobId.ToString("D") });

    /// <summary>The key in a message body; anything else throws <see cref="JobMessageException"/>.</summary>
    public static JobKey Parse(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && ReadGuid(document.RootElement, "studentId") is { } studentId
                && ReadGuid(document.RootElement, "jobId") is { } jobId)
            {
                return new JobKey(studentId, jobId);
            }
        }
        catch (JsonException)
        {
            // reported below
        }

        throw new JobMessageException("The message body is not {\"studentId\":\"<uuid>\",\"jobId\":\"<uuid>\"}.");
    }

    private static Guid? ReadGuid(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : null;
}

public sealed class JobMessageException(string message) : Exception(message);
