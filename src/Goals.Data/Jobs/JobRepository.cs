using Goals.Data.Sessions;

namespace Goals.Data.Jobs;

/// <summary>
/// The <c>jobs</c> table. Statements a student causes (create, read, list, cancel) filter by the student; the
/// worker's statements name the job by its full key and are fenced by the lease owner, so a worker that lost its
/// lease can change nothing. Only the sweeper's scans cross students (they read keys, then act per key).
/// </summary>
public sealed class JobRepository
{
    internal const string Columns = """
        student_id AS studentid, id, kind, payload::text AS payload, status, attempts, progress_done AS progressdone,
        progress_total AS progresstotal, checkpoint::text AS checkpoint, result::text AS result, error_code AS errorcode,
        error_message AS errormessage, published, cancel_requested AS cancelrequested, lease_owner AS leaseowner,
        lease_expires_at AS leaseexpiresat, created_at AS createdat, updated_at AS updatedat, started_at AS startedat,
        finished_at AS finishedat
        """;

    private const string Mine = "student_id = @StudentId AND id = @JobId";
    private const string Fenced = Mine + " AND status = 'RUNNING' AND lease_owner = @Owner";

    // ---------- the student's statements ----------

    public async Task<JobRecord> CreateAsync(DbSession session, Guid studentId, string kind, string payload, CancellationToken ct = default) =>
        (await session.QuerySingleOrDefaultAsync<JobRecord>($"""
            INSERT INTO jobs (student_id, kind, payload) VALUES (@StudentId, @Kind, @Payload::jsonb) RETURNING {Columns}
            """, new { StudentId = studentId, Kind = kind, Payload = payload }, ct))!;

    public Task<JobRecord?> GetAsync(DbSession session, JobKey key, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<JobRecord>($"SELECT {Columns} FROM jobs WHERE {Mine}", Args(key), ct);

    /// <summary>The student's jobs, newest first, after the (createdAt, id) of the previous page's last job.</summary>
    public Task<IReadOnlyList<JobRecord>> ListAsync(DbSession session, Guid studentId, int limit, (DateTime CreatedAt, Guid Id)? after,
        CancellationToken ct = default) =>
        session.QueryAsync<JobRecord>($"""
            SELECT {Columns} FROM jobs
            WHERE student_id = @StudentId AND (@HasAfter = false OR (created_at, id) < (@AfterCreatedAt, @AfterId))
            ORDER BY created_at DESC, id DESC LIMIT @Limit
            """, new
        {
            StudentId = studentId, HasAfter = after.HasValue, AfterCreatedAt = after?.CreatedAt ?? DateTime.UnixEpoch,
            AfterId = after?.Id ?? Guid.Empty, Limit = limit,
        }, ct);

    /// <summary>A queued job is cancelled at once; a running one is asked to stop at its next chunk. Finished: unchanged.</summary>
    public Task<JobRecord?> CancelAsync(DbSession session, JobKey key, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<JobRecord>($"""
            UPDATE jobs SET
              cancel_requested = cancel_requested OR status = 'RUNNING',
              finished_at = CASE WHEN status = 'QUEUED' THEN now() ELSE finished_at END,
              status = CASE WHEN status = 'QUEUED' THEN 'CANCELLED' ELSE status END,
              updated_at = now()
            WHERE {Mine}
            RETURNING {Columns}
            """, Args(key), ct);

    public Task<int> MarkPublishedAsync(DbSession session, JobKey key, CancellationToken ct = default) =>
        session.ExecuteAsync($"UPDATE jobs SET published = true, updated_at = now() WHERE {Mine} AND published = false", Args(key), ct);

    /// <summary>Deletes the student's finished jobs except <paramref name="keep"/> (erase).</summary>
    public Task<int> DeleteFinishedAsync(DbSession session, Guid studentId, Guid keep, CancellationToken ct = default) =>
        session.ExecuteAsync("""
            DELETE FROM jobs WHERE student_id = @StudentId AND id <> @Keep AND status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
            """, new { StudentId = studentId, Keep = keep }, ct);

    // ---------- the worker's statements (fenced by the lease) ----------

    /// <summary>
    /// The atomic claim: a queued job, or a running one whose lease ran out, becomes RUNNING under this owner's lease
    /// (one attempt more). Null when another worker holds it, it is finished, or its attempts are used up.
    /// </summary>
    public Task<JobRecord?> ClaimAsync(DbSession session, JobKey key, string owner, TimeSpan lease, int maxAttempts, CancellationToken ct = default) =>
        session.QuerySingleOrDefaultAsync<JobRecord>($"""
            UPDATE jobs SET status = 'RUNNING', lease_owner = @Owner, lease_expires_at = now() + @LeaseSeconds * INTERVAL '1 second',
              attempts = attempts + 1, started_at = COALESCE(started_at, now()), next_attempt_at = NULL, updated_at = now()
            WHERE {Mine} AND attempts < @MaxAttempts AND cancel_requested = false
              AND (status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < now()))
            RETURNING {Columns}
            """, new { key.StudentId, key.JobId, Owner = owner, LeaseSeconds = lease.TotalSeconds, MaxAttempts = maxAttempts }, ct);

    /// <summary>Extends the lease and records progress (and the checkpoint when given). Null: the lease is lost.
    /// Otherwise whether the student asked to cancel.</summary>
    public async Task<bool?> HeartbeatAsync(DbSession session, JobKey key, string owner, TimeSpan lease, JobProgress progress,
        string? checkpoint = null, CancellationToken ct = default)
    {
        var rows = await session.QueryValuesAsync<bool>($"""
            UPDATE jobs SET lease_expires_at = now() + @LeaseSeconds * INTERVAL '1 second', progress_done = @Done,
              progress_total = @Total, checkpoint = COALESCE(@Checkpoint::jsonb, checkpoint), updated_at = now()
            WHERE {Fenced}
            RETURNING cancel_requested
            """, new
        {
            key.StudentId, key.JobId, Owner = owner, LeaseSeconds = lease.TotalSeconds, progress.Done, progress.Total, Checkpoint = checkpoint,
        }, ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Finishes a running job as SUCCEEDED or CANCELLED; returns the status recorded, null when this owner no longer
    /// holds it (recorded once). A job whose cancellation was asked for ends CANCELLED (without a result) even when its
    /// work got to the end: a cancel the student was told about is never followed by SUCCEEDED.
    /// </summary>
    public Task<string?> FinishAsync(DbSession session, JobKey key, string owner, string status, string? result, JobProgress progress,
        CancellationToken ct = default) =>
        session.QueryValueAsync<string>($"""
            UPDATE jobs SET status = CASE WHEN cancel_requested THEN 'CANCELLED' ELSE @Status END,
              result = CASE WHEN cancel_requested THEN NULL ELSE @Result::jsonb END, progress_done = @Done, progress_total = @Total,
              lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now(), error_code = NULL, error_message = NULL
            WHERE {Fenced}
            RETURNING status
            """, new { key.StudentId, key.JobId, Owner = owner, Status = status, Result = result, progress.Done, progress.Total }, ct);

    /// <summary>A failed attempt: queued again after <paramref name="retryAfter"/>, or FAILED when null; CANCELLED (without an
    /// error) when the student asked to cancel meanwhile.</summary>
    public async Task<bool> FailAttemptAsync(DbSession session, JobKey key, string owner, string code, string message, TimeSpan? retryAfter,
        CancellationToken ct = default) =>
        await session.ExecuteAsync($"""
            UPDATE jobs SET status = CASE WHEN cancel_requested THEN 'CANCELLED' WHEN @Retry THEN 'QUEUED' ELSE 'FAILED' END,
              error_code = CASE WHEN cancel_requested THEN NULL ELSE @Code END, error_message = CASE WHEN cancel_requested THEN NULL ELSE @Message END,
              next_attempt_at = CASE WHEN @Retry AND NOT cancel_requested THEN now() + @RetrySeconds * INTERVAL '1 second' ELSE NULL END,
              finished_at = CASE WHEN @Retry AND NOT cancel_requested THEN NULL ELSE now() END,
              lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE {Fenced}
            """, new
        {
            key.StudentId, key.JobId, Owner = owner, Code = code, Message = message, Retry = retryAfter.HasValue,
            RetrySeconds = retryAfter?.TotalSeconds ?? 0,
        }, ct) == 1;

    /// <summary>Ends a job that can no longer run (dead-lettered message, attempts used up) as FAILED, unless already finished.</summary>
    public async Task<bool> FailUnfinishedAsync(DbSession session, JobKey key, string code, string message, CancellationToken ct = default) =>
        await session.ExecuteAsync($"""
            UPDATE jobs SET status = 'FAILED', error_code = @Code, error_message = COALESCE(error_message || ' ', '') || @Message,
              lease_owner = NULL, lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE {Mine} AND status IN ('QUEUED', 'RUNNING')
            """, new { key.StudentId, key.JobId, Code = code, Message = message }, ct) == 1;

    /// <summary>A queued job whose cancellation was asked for while it ran (the worker let go) ends CANCELLED.</summary>
    public Task<int> CancelRequestedAsync(DbSession session, JobKey key, CancellationToken ct = default) =>
        session.ExecuteAsync($"""
            UPDATE jobs SET status = 'CANCELLED', finished_at = now(), updated_at = now(), lease_owner = NULL, lease_expires_at = NULL
            WHERE {Mine} AND status IN ('QUEUED', 'RUNNING') AND cancel_requested AND (status = 'QUEUED' OR lease_expires_at < now())
            """, Args(key), ct);

    // ---------- the sweeper's scans (across students; they only return keys) ----------

    /// <summary>Queued jobs never published (publishing failed or the process died right after the commit).</summary>
    public Task<IReadOnlyList<JobKey>> FindUnpublishedAsync(DbSession session, TimeSpan olderThan, int limit, CancellationToken ct = default) =>
        session.QueryAsync<JobKey>("""
            SELECT student_id AS studentid, id AS jobid FROM jobs
            WHERE status = 'QUEUED' AND published = false AND created_at < now() - @Seconds * INTERVAL '1 second'
            ORDER BY created_at LIMIT @Limit
            """, new { Seconds = olderThan.TotalSeconds, Limit = limit }, ct);

    /// <summary>Running jobs whose lease ran out (the worker died or hung).</summary>
    public Task<IReadOnlyList<JobKey>> FindExpiredLeasesAsync(DbSession session, int limit, CancellationToken ct = default) =>
        session.QueryAsync<JobKey>("""
            SELECT student_id AS studentid, id AS jobid FROM jobs WHERE status = 'RUNNING' AND lease_expires_at < now()
            ORDER BY lease_expires_at LIMIT @Limit
            """, new { Limit = limit }, ct);

    /// <summary>An expired lease goes back to QUEUED and unpublished (FAILED when its attempts are used up).</summary>
    public async Task<string?> RequeueExpiredAsync(DbSession session, JobKey key, int maxAttempts, CancellationToken ct = default) =>
        await session.QueryValueAsync<string>($"""
            UPDATE jobs SET
              status = CASE WHEN cancel_requested THEN 'CANCELLED' WHEN attempts >= @MaxAttempts THEN 'FAILED' ELSE 'QUEUED' END,
              error_code = CASE WHEN cancel_requested THEN error_code WHEN attempts >= @MaxAttempts THEN 'ATTEMPTS_EXHAUSTED' ELSE 'LEASE_EXPIRED' END,
              error_message = CASE WHEN cancel_requested THEN error_message
                ELSE 'The worker stopped answering (lease expired) on attempt ' || attempts::text || ' of ' || @MaxAttempts::text || '.' END,
              finished_at = CASE WHEN cancel_requested OR attempts >= @MaxAttempts THEN now() ELSE NULL END,
              published = false, lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE {Mine} AND status = 'RUNNING' AND lease_expires_at < now()
            RETURNING status
            """, new { key.StudentId, key.JobId, MaxAttempts = maxAttempts }, ct);

    /// <summary>Jobs a local worker may run now: queued and due, or running with an expired lease. Oldest first.</summary>
    public Task<IReadOnlyList<JobKey>> FindRunnableAsync(DbSession session, int limit, CancellationToken ct = default) =>
        session.QueryAsync<JobKey>("""
            SELECT student_id AS studentid, id AS jobid FROM jobs
            WHERE (status = 'QUEUED' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
               OR (status = 'RUNNING' AND lease_expires_at < now())
            ORDER BY created_at LIMIT @Limit
            """, new { Limit = limit }, ct);

    private static object Args(JobKey key) => new { key.StudentId, key.JobId };
}
