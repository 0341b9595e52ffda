namespace Goals.Data.Jobs;

/// <summary>A row of <c>jobs</c>. Payload, checkpoint and result are JSON text owned by the job's kind.</summary>
public sealed record JobRecord
{
    public Guid StudentId { get; init; }
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string Payload { get; init; } = "{}";
    public string Status { get; init; } = JobStatus.Queued;
    public int Attempts { get; init; }
    public long ProgressDone { get; init; }
    public long? ProgressTotal { get; init; }
    public string? Checkpoint { get; init; }
    public string? Result { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public bool Published { get; init; }
    public bool CancelRequested { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTime? LeaseExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }

    public bool IsFinished => JobStatus.IsFinished(Status);
}

public static class JobStatus
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string Cancelled = "CANCELLED";

    public static bool IsFinished(string status) => status is Succeeded or Failed or Cancelled;
}

/// <summary>The key of a job: every statement about one job names its student first.</summary>
public readonly record struct JobKey(Guid StudentId, Guid JobId)
{
    public override string ToString() => $"{StudentId:D}/{JobId:D}";
}

/// <summary>Progress of a running job; Total is null while unknown.</summary>
public readonly record struct JobProgress(long Done, long? Total);
