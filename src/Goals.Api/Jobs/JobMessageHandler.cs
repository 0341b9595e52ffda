using System.Text.Json;
using Goals.Data.Sessions;
using Goals.Lambda.Sqs;

namespace Goals.Api.Jobs;

/// <summary>
/// The Lambda <c>worker</c>'s SQS record handler. A message body is <c>{"jobId":"&lt;uuid&gt;"}</c>; the job is the
/// <c>jobs</c> row with that id. Only the no-op kind <see cref="NoopKind"/> exists so far (real kinds — exports,
/// imports, bulk changes — arrive in a later issue): it is marked RUNNING, then SUCCEEDED. A malformed body, an
/// unknown job id or an unknown kind throws, so the record lands in <c>batchItemFailures</c> (retried, then the
/// dead-letter queue). A job already SUCCEEDED is acknowledged without running again (SQS delivers at least once).
/// </summary>
public sealed class JobMessageHandler(DbSession session, ILogger<JobMessageHandler> logger) : ISqsRecordHandler
{
    public const string NoopKind = "noop";

    public async Task HandleAsync(SqsRecord record, CancellationToken cancellationToken)
    {
        var jobId = ParseJobId(record.Body);

        // The body carries no student id, so the lookup is by id alone; every later statement is scoped by the row's
        // full primary key (student_id, id).
        var job = await session.QuerySingleOrDefaultAsync<JobRow>(
            "SELECT student_id AS StudentId, kind AS Kind, status AS Status FROM jobs WHERE id = @jobId",
            new { jobId }, cancellationToken)
            ?? throw new JobMessageException($"Job {jobId} does not exist.");

        if (job.Kind != NoopKind) throw new JobMessageException($"Job {jobId} has the unknown kind '{job.Kind}'.");
        if (job.Status == "SUCCEEDED")
        {
            logger.LogInformation("Job {JobId} already succeeded; message {MessageId} acknowledged", jobId, record.MessageId);
            return;
        }

        await session.ExecuteAsync("""
            UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, started_at = now(), updated_at = now()
            WHERE student_id = @studentId AND id = @jobId
            """, new { studentId = job.StudentId, jobId }, cancellationToken);

        // kind "noop": nothing to do.

        await session.ExecuteAsync("""
            UPDATE jobs SET status = 'SUCCEEDED', progress = 100, error = NULL, finished_at = now(), updated_at = now()
            WHERE student_id = @studentId AND id = @jobId
            """, new { studentId = job.StudentId, jobId }, cancellationToken);
        logger.LogInformation("Job {JobId} ({Kind}) succeeded", jobId, job.Kind);
    }

    /// <summary>The job id of a body <c>{"jobId":"&lt;uuid&gt;"}</c>; anything else throws <see cref="JobMessageException"/>.</summary>
    public static Guid ParseJobId(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? "");
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("jobId", out var id)
                && id.ValueKind == JsonValueKind.String
                && Guid.TryParse(id.GetString(), out var jobId))
            {
                return jobId;
            }
        }
        catch (JsonException)
        {
            // reported below
        }

        throw new JobMessageException("The message body is not {\"jobId\":\"<uuid>\"}.");
    }

    internal sealed class JobRow
    {
        public Guid StudentId { get; set; }
        public string Kind { get; set; } = "";
        public string Status { get; set; } = "";
    }
}

public sealed class JobMessageException(string message) : Exception(message);
