namespace Goals.Api.Configuration;

/// <summary>
/// The `Jobs` configuration section. Without <see cref="QueueUrl"/> jobs are local: `serve` runs an in-process worker
/// over the jobs table (no AWS). With it, the job's message goes to that SQS queue and the worker Lambda runs it.
/// Without <see cref="Bucket"/>, job files live under <see cref="FilesDirectory"/> and are served by the app behind
/// signed, expiring links; with it, in S3 behind presigned URLs. Checked by <see cref="JobsOptionsValidator"/>.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";
    public const int MinimumLinkSigningKeyChars = 32;

    public string? QueueUrl { get; set; }
    /// <summary>The dead-letter queue the sweeper reads, so a dead-lettered job ends FAILED.</summary>
    public string? DeadLetterQueueUrl { get; set; }
    /// <summary>An SQS endpoint other than AWS's (tests: a loopback SQS).</summary>
    public string? SqsServiceUrl { get; set; }

    public string? Bucket { get; set; }
    /// <summary>An S3 endpoint other than AWS's (tests: s3rver on loopback); path-style addressing.</summary>
    public string? S3ServiceUrl { get; set; }

    /// <summary>Local job files (exports, uploads); default &lt;repo&gt;/.data/jobs.</summary>
    public string? FilesDirectory { get; set; }
    /// <summary>The HMAC key of local download/upload links; defaults to Auth:SigningKey.</summary>
    public string? LinkSigningKey { get; set; }
    /// <summary>The app's public base URL for local links (default: the request's own scheme and host).</summary>
    public string? PublicBaseUrl { get; set; }

    public int MaxAttempts { get; set; } = 3;
    public int LeaseSeconds { get; set; } = 30;
    public int BackoffSeconds { get; set; } = 2;
    public int LinkMinutes { get; set; } = 60;
    /// <summary>A job unpublished for this long is republished by the sweeper (the API publishes right after the commit).</summary>
    public int RepublishAfterSeconds { get; set; } = 10;
    public int SweepIntervalSeconds { get; set; } = 5;
    /// <summary>`serve` without a queue runs the local worker unless this is false.</summary>
    public bool LocalWorker { get; set; } = true;
    /// <summary>Largest inline import content (characters); bigger files go through requestImportUpload.</summary>
    public int MaxInlineImportChars { get; set; } = 1_000_000;
    /// <summary>Rows per chunk transaction (import, erase).</summary>
    public int ChunkRows { get; set; } = 2000;
    /// <summary>A pause after each chunk (default none; an export's page of goals counts as a chunk): spreads a big job out to leave the database room.</summary>
    public int ChunkPauseMilliseconds { get; set; }

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>Exponential backoff before attempt <paramref name="attempt"/> + 1, capped at 5 minutes.</summary>
    public TimeSpan BackoffAfter(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(300, BackoffSeconds * Math.Pow(2, Math.Max(0, attempt - 1))));

    public bool UsesSqs => !string.IsNullOrWhiteSpace(QueueUrl);
}
