using Goals.Data.Sessions;
using Npgsql;

namespace Goals.Data.Jobs;

/// <summary>A row of <c>jobs</c>. Payload, checkpoint and result are JSON text owned by the job's kind.</summary>
public sealed record JobRecord : IRow<JobRecord>
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "studentid", "id", "kind", "payload", "status", "attempts", "progressdone", "progresstotal", "checkpoint", "result",
        "errorcode", "errormessage", "published", "cancelrequested", "leaseowner", "leaseexpiresat", "createdat", "updatedat",
        "startedat", "finishedat",
    ];

    public static JobRecord Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) => new()
    {
        StudentId = reader.Get<Guid>(at[0]),
        Id = reader.Get<Guid>(at[1]),
        Kind = reader.Get(at[2], ""),
        Payload = reader.Get(at[3], "{}"),
        Status = reader.Get(at[4], JobStatus.Queued),
        Attempts = reader.Get<int>(at[5]),
        ProgressDone = reader.Get<long>(at[6]),
        ProgressTotal = reader.GetNullable<long>(at[7]),
        Checkpoint = reader.Get<string?>(at[8], null),
        Result = reader.Get<string?>(at[9], null),
        ErrorCode = reader.Get<string?>(at[10], null),
        ErrorMessage = reader.Get<string?>(at[11], null),
        Published = reader.Get<bool>(at[12]),
        CancelRequested = reader.Get<bool>(at[13]),
        LeaseOwner = reader.Get<string?>(at[14], null),
        LeaseExpiresAt = reader.GetNullable<DateTime>(at[15]),
        CreatedAt = reader.Get<DateTime>(at[16]),
        UpdatedAt = reader.Get<DateTime>(at[17]),
        StartedAt = reader.GetNullable<DateTime>(at[18]),
        FinishedAt = reader.GetNullable<DateTime>(at[19]),
    };

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
public readonly record struct JobKey(Guid StudentId, Guid JobId) : IRow<JobKey>
{
    public static IReadOnlyList<string> Columns { get; } = ["studentid", "jobid"];

    public static JobKey Read(NpgsqlDataReader reader, ReadOnlySpan<int> at) => new(reader.Get<Guid>(at[0]), reader.Get<Guid>(at[1]));

    public override string ToString() => $"{StudentId:D}/{JobId:D}";
}

/// <summary>Progress of a running job; Total is null while unknown.</summary>
public readonly record struct JobProgress(long Done, long? Total);
