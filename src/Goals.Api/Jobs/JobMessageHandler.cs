using System.Text.Json;
using Goals.Data;
using Goals.Lambda.Sqs;

namespace Goals.Api.Jobs;

/// <summary>
/// The Lambda <c>worker</c>'s SQS record handler. A message body is <c>{"studentId":"&lt;uuid&gt;","jobId":"&lt;uuid&gt;"}</c>;
/// the job is the <c>jobs</c> row with that primary key, so a message can only ever touch its own student's job. Only the no-op kind <see cref="NoopKind"/> exists so far (real kinds — exports,
/// imports, bulk changes — arrive in a later issue): it is marked RUNNING, then SUCCEEDED. A malformed body, an
/// unknown job id or an unknown kind throws, so the record lands in <c>batchItemFailures</c> (retried, then the
/// dead-letter queue). A job already SUCCEEDED is acknowledged without running again (SQS delivers at least once).
/// </summary>
public sealed class JobMessageHandler(GoalsDataSource dataSource, ILogger<JobMessageHandler> logger) : ISqsRecordHandler
{
    public const string NoopKind = "noop";

    public async Task HandleAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        var (studentId, jobId) = ParseMessage(record.Body);
        // The record's unit of work owns its session and ends it once every command on it has finished.
        await using var session = dataSource.OpenSession();
        var job = await session.QuerySingleOrDefaultAsync<JobRow>(
            "SELECT kind AS Kind, status AS Status FROM jobs WHERE student_id = @studentId AND id = @jobId",
            new { studentId, jobId }, cancellationToken)
            ?? throw new JobMessageException($"Job {jobId} of student {studentId} does not exist.");

        if (job.Kind != NoopKind) throw new JobMessageException($"Job {jobId} has the unknown kind '{job.Kind}'.");
        if (job.Status == "SUCCEEDED")
        {
            logger.LogInformation("Job {JobId} already succeeded; message {MessageId} acknowledged", jobId, record.MessageId);
            return;
        }

        await session.ExecuteAsync("""
            UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, started_at = now(), updated_at = now()
            WHERE student_id = @studentId AND id = @jobId
            """, new { studentId, jobId }, cancellationToken);

        // kind "noop": nothing to do.

        await session.ExecuteAsync("""
            UPDATE jobs SET status = 'SUCCEEDED', progress = 100, error = NULL, finished_at = now(), updated_at = now()
            WHERE student_id = @studentId AND id = @jobId
            """, new { studentId, jobId }, cancellationToken);
        logger.LogInformation("Job {JobId} ({Kind}) succeeded", jobId, job.Kind);
    }

    /// <summary>The keys of a body <c>{"studentId":"&lt;uuid&gt;","jobId":"&lt;uuid&gt;"}</c>; anything else throws <see cref="JobMessageException"/>.</summary>
    public static (Guid StudentId, Guid JobId) ParseMessage(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && ReadGuid(document.RootElement, "studentId") is { } studentId
                && ReadGuid(document.RootElement, "jobId") is { } jobId)
            {
                return (studentId, jobId);
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

    internal sealed class JobRow
    {
        public string Kind { get; set; } = "";
        public string Status { get; set; } = "";
    }
}

public sealed class JobMessageException(string message) : Exception(message);
