using Goals.Api.Configuration;
using Goals.Data;
using Goals.Data.Jobs;
using Goals.Data.Sessions;
using Goals.Data.Transactions;

namespace Goals.Api.Jobs;

/// <summary>
/// One attempt at a claimed job, handed to its <see cref="IJobKind"/>. Writes go through <see cref="RunChunkAsync{T}"/>:
/// the chunk, the job's checkpoint and progress commit in one transaction that first re-checks the lease, so a worker
/// that lost its lease writes nothing and a crash resumes exactly after the last committed chunk. Work that writes
/// nothing (an export's pages) calls <see cref="CheckInAsync"/> after each chunk instead. A heartbeat on a connection of
/// its own extends the lease while the work runs between chunks (e.g. uploading a file) and fires
/// <see cref="CancelRequested"/> when the student cancels.
/// </summary>
public sealed class JobExecution : IAsyncDisposable
{
    private readonly TransactionRunner _runner;
    private readonly JobRepository _jobs;
    private readonly JobsOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _leaseLost = new();
    private readonly CancellationTokenSource _cancelRequested = new();
    private readonly Task _heartbeat;
    private readonly CancellationTokenSource _stopHeartbeat = new();
    private long _done;
    private long? _total;

    internal JobExecution(JobRecord job, string owner, GoalsDataSource dataSource, TransactionRunner runner, JobRepository jobs,
        JobsOptions options, ILogger logger)
    {
        Job = job;
        Owner = owner;
        _runner = runner;
        _jobs = jobs;
        _options = options;
        _logger = logger;
        _done = job.ProgressDone;
        _total = job.ProgressTotal;
        Session = dataSource.OpenSession();
        _heartbeat = Task.Run(HeartbeatLoopAsync);
    }

    public JobRecord Job { get; }
    public JobKey Key => new(Job.StudentId, Job.Id);
    public Guid StudentId => Job.StudentId;
    public string Owner { get; }

    /// <summary>The session for this attempt's reads (and for chunks).</summary>
    public DbSession Session { get; }

    /// <summary>The checkpoint the last committed chunk left (null on a fresh start).</summary>
    public string? Checkpoint { get; private set; }

    /// <summary>Fires when another worker took the job over; stop at once.</summary>
    public CancellationToken LeaseLost => _leaseLost.Token;

    /// <summary>Fires when the student asked to cancel (seen by a chunk, a check-in or the heartbeat); stop at once.</summary>
    public CancellationToken CancelRequested => _cancelRequested.Token;

    public JobProgress Progress => new(Interlocked.Read(ref _done), _total);

    internal void ResumeFrom(string? checkpoint) => Checkpoint = checkpoint;

    /// <summary>Records progress the next heartbeat saves (for work that writes nothing, e.g. an export).</summary>
    public void ReportProgress(long done, long? total)
    {
        Interlocked.Exchange(ref _done, done);
        _total = total;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction together with the fenced checkpoint/progress update: the lease is
    /// checked first (the job row stays locked until the commit), then the work, then the checkpoint made from its result.
    /// Throws <see cref="JobLeaseLostException"/> or <see cref="JobCancelledException"/> with nothing written.
    /// </summary>
    public async Task<T> RunChunkAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, Func<T, string> checkpointOf, JobProgress progress,
        CancellationToken ct)
    {
        string? checkpoint = null;
        var result = await _runner.RunAsync(Session, async (session, c) =>
        {
            var cancel = await _jobs.HeartbeatAsync(session, Key, Owner, _options.Lease, progress, null, c)
                         ?? throw new JobLeaseLostException(Key);
            if (cancel) throw await CancelledAsync();
            var value = await work(session, c);
            checkpoint = checkpointOf(value);
            _ = await _jobs.HeartbeatAsync(session, Key, Owner, _options.Lease, progress, checkpoint, c) ?? throw new JobLeaseLostException(Key);
            return value;
        }, ct);
        Checkpoint = checkpoint;
        ReportProgress(progress.Done, progress.Total);
        if (_options.ChunkPauseMilliseconds > 0) await Task.Delay(_options.ChunkPauseMilliseconds, ct);
        return result;
    }

    /// <summary>
    /// A chunk of work that writes nothing is done (an export page): extends the lease and saves the progress now, then
    /// pauses Jobs:ChunkPauseMilliseconds. Throws <see cref="JobCancelledException"/> when the student asked to cancel,
    /// <see cref="JobLeaseLostException"/> when another worker holds the job.
    /// </summary>
    public async Task CheckInAsync(JobProgress progress, CancellationToken ct)
    {
        ReportProgress(progress.Done, progress.Total);
        var cancel = await _runner.RunAsync(Session, (session, c) => _jobs.HeartbeatAsync(session, Key, Owner, _options.Lease, progress, null, c), ct)
                     ?? throw new JobLeaseLostException(Key);
        if (cancel) throw await CancelledAsync();
        if (_options.ChunkPauseMilliseconds > 0) await Task.Delay(_options.ChunkPauseMilliseconds, ct);
    }

    private async Task<JobCancelledException> CancelledAsync()
    {
        await _cancelRequested.CancelAsync();
        return new JobCancelledException();
    }

    private async Task HeartbeatLoopAsync()
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, _options.LeaseSeconds / 3.0));
        try
        {
            while (!_stopHeartbeat.IsCancellationRequested)
            {
                await Task.Delay(interval, _stopHeartbeat.Token);
                var alive = await _runner.RunAsync((session, c) => _jobs.HeartbeatAsync(session, Key, Owner, _options.Lease, Progress, null, c),
                    _stopHeartbeat.Token);
                if (alive is null)
                {
                    _logger.LogWarning("Job {Job}: lease lost to another worker", Key);
                    await _leaseLost.CancelAsync();
                    return;
                }

                if (alive == true && !_cancelRequested.IsCancellationRequested)
                {
                    _logger.LogInformation("Job {Job}: cancellation asked for, stopping the work", Key);
                    await _cancelRequested.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (_stopHeartbeat.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A missed heartbeat is not fatal: the next chunk re-checks the lease; if it expired another worker resumes.
            _logger.LogWarning(e, "Job {Job}: heartbeat failed", Key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopHeartbeat.CancelAsync();
        try
        {
            await _heartbeat;
        }
        catch (OperationCanceledException)
        {
        }

        await Session.DisposeAsync();
        _stopHeartbeat.Dispose();
        _leaseLost.Dispose();
        _cancelRequested.Dispose();
    }
}
