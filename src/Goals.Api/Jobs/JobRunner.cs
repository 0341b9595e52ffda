using Goals.Api.Configuration;
using Goals.Data;
using Goals.Data.Jobs;
using Goals.Data.Transactions;

namespace Goals.Api.Jobs;

public enum JobRunOutcome
{
    /// <summary>Finished now (SUCCEEDED, CANCELLED, or FAILED for a reason no retry fixes).</summary>
    Finished,
    /// <summary>Nothing to do: already finished, or another worker holds a live lease.</summary>
    NotClaimed,
    /// <summary>This attempt failed; the job is queued again after a backoff.</summary>
    RetryScheduled,
    /// <summary>The last attempt failed: the job is FAILED (its SQS message should go on to the dead-letter queue).</summary>
    AttemptsExhausted,
    /// <summary>Another worker took over (this one's lease ran out).</summary>
    LeaseLost,
}

/// <summary>
/// Runs one job: the atomic claim (a conditional UPDATE that takes a lease), the kind's work, and the end recorded
/// exactly once (fenced by the lease). The same code runs behind SQS (Lambda worker) and in the local drain.
/// </summary>
public sealed class JobRunner(GoalsDataSource dataSource, TransactionRunner runner, JobRepository jobs, IEnumerable<IJobKind> kinds,
    JobsOptions options, ILogger<JobRunner> logger)
{
    private readonly Dictionary<string, IJobKind> _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);

    public async Task<(JobRunOutcome Outcome, JobRecord? Job)> RunAsync(JobKey key, CancellationToken ct)
    {
        var owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var job = await runner.RunAsync((s, c) => jobs.ClaimAsync(s, key, owner, options.Lease, options.MaxAttempts, c), ct);
        if (job is null) return (await NotClaimedAsync(key, ct), null);

        logger.LogInformation("Job {Job} ({Kind}) claimed: attempt {Attempt} of {MaxAttempts}", key, job.Kind, job.Attempts, options.MaxAttempts);
        if (!_kinds.TryGetValue(job.Kind, out var kind))
        {
            await runner.RunAsync((s, c) => jobs.FailAttemptAsync(s, key, owner, "UNKNOWN_KIND", $"No worker knows the job kind '{job.Kind}'.", null, c), ct);
            return (JobRunOutcome.Finished, job);
        }

        await using var execution = new JobExecution(job, owner, dataSource, runner, jobs, options, logger);
        execution.ResumeFrom(job.Checkpoint);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, execution.LeaseLost, execution.CancelRequested);
        try
        {
            var result = await kind.RunAsync(execution, linked.Token);
            var progress = execution.Progress;
            var recorded = await runner.RunAsync((s, c) => jobs.FinishAsync(s, key, owner, JobStatus.Succeeded, result,
                new JobProgress(progress.Total ?? progress.Done, progress.Total ?? progress.Done), c), ct);
            if (recorded == JobStatus.Cancelled)
            {
                // The cancel came after the last check: the work is done, but the student was told it would stop.
                await kind.DiscardAsync(execution, ct);
                logger.LogInformation("Job {Job} ({Kind}) cancelled after its work ended; its result was discarded", key, job.Kind);
                return (JobRunOutcome.Finished, job);
            }

            logger.LogInformation("Job {Job} ({Kind}) {Outcome}", key, job.Kind, recorded is not null ? "succeeded" : "finished by another worker");
            return (recorded is not null ? JobRunOutcome.Finished : JobRunOutcome.LeaseLost, job);
        }
        catch (Exception e) when (!execution.LeaseLost.IsCancellationRequested && !ct.IsCancellationRequested
                                  && (e is JobCancelledException || execution.CancelRequested.IsCancellationRequested))
        {
            // Whatever the work threw once the student's cancel was seen (usually the cancelled token's exception) ends it CANCELLED.
            var recorded = await runner.RunAsync((s, c) => jobs.FinishAsync(s, key, owner, JobStatus.Cancelled, null, execution.Progress, c), ct);
            if (recorded is null) return (JobRunOutcome.LeaseLost, job);
            await kind.DiscardAsync(execution, ct);
            logger.LogInformation("Job {Job} cancelled", key);
            return (JobRunOutcome.Finished, job);
        }
        catch (Exception e) when (e is JobLeaseLostException || (e is OperationCanceledException && execution.LeaseLost.IsCancellationRequested))
        {
            logger.LogWarning("Job {Job}: stopped, another worker holds it now", key);
            return (JobRunOutcome.LeaseLost, job);
        }
        catch (PermanentJobException e)
        {
            await runner.RunAsync((s, c) => jobs.FailAttemptAsync(s, key, owner, e.Code, e.Message, null, c), ct);
            logger.LogWarning("Job {Job} failed: {Code} {Message}", key, e.Code, e.Message);
            return (JobRunOutcome.Finished, job);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var last = job.Attempts >= options.MaxAttempts;
            var message = last
                ? $"The job failed {job.Attempts} times, the last time with: {Describe(e)}"
                : $"Attempt {job.Attempts} of {options.MaxAttempts} failed with: {Describe(e)}";
            TimeSpan? retry = last ? null : options.BackoffAfter(job.Attempts);
            await runner.RunAsync((s, c) => jobs.FailAttemptAsync(s, key, owner, last ? "ATTEMPTS_EXHAUSTED" : "ATTEMPT_FAILED", message, retry, c), ct);
            logger.LogError(e, "Job {Job} ({Kind}) attempt {Attempt} failed; {Next}", key, job.Kind, job.Attempts,
                last ? "no attempts left: FAILED" : $"retry in {retry!.Value.TotalSeconds} s");
            return (last ? JobRunOutcome.AttemptsExhausted : JobRunOutcome.RetryScheduled, job);
        }
    }

    /// <summary>Why the claim did not happen; an expired lease with no attempts left is ended here rather than waiting for the sweeper.</summary>
    private async Task<JobRunOutcome> NotClaimedAsync(JobKey key, CancellationToken ct)
    {
        var current = await runner.RunAsync((s, c) => jobs.GetAsync(s, key, c), ct)
                      ?? throw new JobMessageException($"Job {key} does not exist.");
        if (current.CancelRequested) await runner.RunAsync((s, c) => jobs.CancelRequestedAsync(s, key, c), ct);
        else if (current.Status == JobStatus.Running) await runner.RunAsync((s, c) => jobs.RequeueExpiredAsync(s, key, options.MaxAttempts, c), ct);
        return JobRunOutcome.NotClaimed;
    }

    /// <summary>A message for the student: the kind of failure, not internals (those are in the log).</summary>
    private static string Describe(Exception e) => e switch
    {
        TransactionRetryLimitExceededException => "the database kept conflicting with other changes.",
        TimeoutException or TaskCanceledException => "a timeout.",
        Npgsql.NpgsqlException => "a database error.",
        JobAttemptException a => a.Message,
        _ => "an internal error.",
    };
}

/// <summary>A retryable failure whose message is safe to show the student.</summary>
public sealed class JobAttemptException(string message) : Exception(message);
