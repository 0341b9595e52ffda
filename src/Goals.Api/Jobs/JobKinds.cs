namespace Goals.Api.Jobs;

/// <summary>The kinds of job (the <c>jobs.kind</c> values) and the GraphQL enum values they map to.</summary>
public static class JobKinds
{
    public const string Export = "EXPORT";
    public const string Import = "IMPORT";
    public const string Erase = "ERASE";

    /// <summary>Kept so rows written before the real kinds still run.</summary>
    public const string Noop = "noop";
}

/// <summary>The work of one kind of job. It may run again after a crash: it resumes from the checkpoint and must
/// write only through <see cref="JobExecution.RunChunkAsync{T}"/> so each chunk and its checkpoint commit together.</summary>
public interface IJobKind
{
    string Kind { get; }

    /// <summary>Does the work; returns the result JSON (or null). <paramref name="ct"/> also fires when the student cancels.</summary>
    Task<string?> RunAsync(JobExecution execution, CancellationToken ct);

    /// <summary>Removes what a cancelled run must not leave behind (an export's file); called once the job is CANCELLED.</summary>
    Task DiscardAsync(JobExecution execution, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A failure no retry can fix (bad payload, missing upload): the job FAILS at once with this code.</summary>
public sealed class PermanentJobException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The student asked to cancel (seen at a chunk boundary or by the heartbeat).</summary>
public sealed class JobCancelledException() : Exception("The job was cancelled.");

/// <summary>Another worker took the job over (this one's lease expired): stop without writing anything more.</summary>
public sealed class JobLeaseLostException(Goals.Data.Jobs.JobKey key) : Exception($"The lease of job {key} was lost.");
