using System.Data;
using Goals.Data.Sessions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Goals.Data.Transactions;

/// <summary>
/// Runs work in a transaction and retries it on serialization failures (40001; 40P01 too) and on a connection
/// lost before COMMIT was sent (the transaction died with it: nothing was committed), with exponential backoff
/// and jitter (Polly), bounded by <see cref="TransactionOptions.MaxAttempts"/>; a lost connection is replaced by a
/// fresh one. CockroachDB: the cockroach_restart savepoint protocol. PostgreSQL: restart the whole transaction.
/// Non-retryable errors roll back and surface unchanged (SqlState kept); a connection failure during
/// COMMIT surfaces as <see cref="TransactionResultAmbiguousException"/>; the work may run several
/// times, so it must not have side effects outside the database.
/// </summary>
public sealed class TransactionRunner
{
    internal const string SavepointName = "cockroach_restart";
    private static readonly ResiliencePropertyKey<IAttempt> AttemptKey = new("goals.transaction.attempt");

    private readonly GoalsDataSource _dataSource;
    private readonly TransactionOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;

    public TransactionRunner(GoalsDataSource dataSource, TransactionOptions? options = null)
    {
        _dataSource = dataSource;
        _options = options ?? new TransactionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(TransactionOptions.MaxAttempts));
        _logger = dataSource.LoggerFactory.CreateLogger<TransactionRunner>();
        _pipeline = _options.MaxAttempts == 1 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RetryableAttemptException>(),
                MaxRetryAttempts = _options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.BaseDelay,
                MaxDelay = _options.MaxDelay,
                OnRetry = args =>
                {
                    var attempt = args.Context.Properties.GetValue(AttemptKey, null!);
                    var reason = (RetryableAttemptException)args.Outcome.Exception!;
                    attempt.CountRetry();
                    TransactionMetrics.Retries.Add(1, new("db.sqlstate", reason.SqlState), new("db.transaction.mode", attempt.Mode.ToString()));
                    _logger.LogWarning("Transaction {Reason} (SQLSTATE {SqlState}) in {Mode} mode; retry {RetryCount} of {MaxRetries} in {DelayMs} ms",
                        reason.Conflict is null ? "lost its connection before COMMIT" : "conflict", reason.SqlState, attempt.Mode,
                        args.AttemptNumber + 1, _options.MaxAttempts - 1, (int)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs <paramref name="work"/> in a transaction on a session of its own.</summary>
    public async Task<T> RunAsync<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        await using var session = _dataSource.OpenSession();
        return await RunAsync(session, work, ct);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction on the request's session.</summary>
    public async Task RunAsync(DbSession session, Func<DbSession, CancellationToken, Task> work, CancellationToken ct) =>
        await RunAsync(session, async (s, c) =>
        {
            await work(s, c);
            return true;
        }, ct);

    /// <summary>Runs <paramref name="work"/> in a transaction on the request's session and returns its result once committed.</summary>
    public async Task<T> RunAsync<T>(DbSession session, Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (session.InTransaction)
        {
            throw new InvalidOperationException("A transaction is already open on this session; TransactionRunner transactions do not nest.");
        }
        ct.ThrowIfCancellationRequested();
        var engine = await _dataSource.GetEngineAsync(ct);
        var mode = _options.Mode != TransactionMode.Auto ? _options.Mode : engine == DatabaseEngine.CockroachDB ? TransactionMode.Savepoint : TransactionMode.Restart;
        var isolation = _options.IsolationLevel
            ?? (mode == TransactionMode.Savepoint && engine == DatabaseEngine.PostgreSQL ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable);
        var attempt = new Attempt<T>(session, mode, isolation, work, _options.Observer);

        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(AttemptKey, attempt);
        try
        {
            var result = await _pipeline.ExecuteAsync(static (ctx, a) => a.RunOnceAsync(ctx.CancellationToken), context, attempt);
            if (attempt.Retries > 0)
            {
                _logger.LogInformation("Transaction committed after {RetryCount} retries", attempt.Retries);
            }
            return result;
        }
        catch (RetryableAttemptException e)
        {
            await attempt.AbandonAsync();
            _logger.LogError("Transaction abandoned after {Attempts} attempts (SQLSTATE {SqlState}); RetryCount {RetryCount}", _options.MaxAttempts, e.SqlState, attempt.Retries);
            if (e.Conflict is { } conflict)
            {
                throw new TransactionRetryLimitExceededException(_options.MaxAttempts, conflict);
            }
            // Lost connection on every attempt: the database is unreachable, and nothing was committed.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException!);
            throw;
        }
        catch
        {
            await attempt.AbandonAsync();
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private interface IAttempt
    {
        TransactionMode Mode { get; }

        void CountRetry();
    }

    /// <summary>State of one logical transaction across its attempts.</summary>
    private sealed class Attempt<T>(DbSession session, TransactionMode mode, IsolationLevel isolation, Func<DbSession, CancellationToken, Task<T>> work, ITransactionObserver? observer) : IAttempt
    {
        private bool _open;
        private string? _lastControlStatement;

        public TransactionMode Mode => mode;

        public int Retries { get; private set; }

        public void CountRetry()
        {
            Retries++;
            session.AddTransactionRetry();
        }

        public async ValueTask<T> RunOnceAsync(CancellationToken ct)
        {
            var committing = false;
            try
            {
                if (!_open)
                {
                    await SendAsync($"BEGIN ISOLATION LEVEL {IsolationSql(isolation)}", ct);
                    _open = true;
                    session.InTransaction = true;
                    if (mode == TransactionMode.Savepoint)
                    {
                        await SendAsync($"SAVEPOINT {SavepointName}", ct);
                    }
                }
                var result = await work(session, ct);
                if (observer is not null)
                {
                    await observer.BeforeCommitAsync(session, ct);
                }

                // Once the commit is on the wire it must finish: cancelling it would make the outcome unknown.
                committing = true;
                if (mode == TransactionMode.Savepoint)
                {
                    await SendAsync($"RELEASE SAVEPOINT {SavepointName}", CancellationToken.None);
                }
                await SendAsync("COMMIT", CancellationToken.None);
                MarkClosed();
                return result;
            }
            catch (Exception e) when (e is not RetryableAttemptException)
            {
                var conflict = FindPostgresException(e) is { } pg && IsRetryable(pg.SqlState) && !session.ConnectionIsBroken ? pg : null;
                if (conflict is not null)
                {
                    await RollBackForRetryAsync();
                    throw new RetryableAttemptException(conflict, e);
                }
                if (committing && IsConnectionFailure(e))
                {
                    MarkClosed();
                    throw new TransactionResultAmbiguousException(e);
                }
                if (!committing && !ct.IsCancellationRequested && session.ConnectionIsBroken)
                {
                    // The transaction died with its connection before COMMIT was sent: nothing was committed, so the
                    // whole transaction runs again, on a new connection (the session replaces a broken one).
                    MarkClosed();
                    throw new RetryableAttemptException(null, e);
                }
                throw;
            }
        }

        /// <summary>
        /// Rolls back whatever is still open (non-retryable error, cancellation, attempts exhausted), within
        /// <see cref="RollbackTimeout"/> and whatever the caller's token says. If the ROLLBACK cannot be sent or does not
        /// finish, the session gives the connection up: the pool rolls it back or destroys it, never reuses it dirty.
        /// </summary>
        public async Task AbandonAsync()
        {
            if (!_open)
            {
                return;
            }
            try
            {
                if (!session.ConnectionIsBroken)
                {
                    using var timeout = new CancellationTokenSource(RollbackTimeout);
                    await SendAsync("ROLLBACK", timeout.Token);
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or OperationCanceledException or TimeoutException)
            {
                // The original error is what matters; the connection must not carry this transaction any further.
                MarkClosed();
                await TryReleaseConnectionAsync();
            }
            finally
            {
                MarkClosed();
            }
        }

        private async Task TryReleaseConnectionAsync()
        {
            try
            {
                await session.ReleaseConnectionAsync();
            }
            catch (ObjectDisposedException)
            {
                // The session has ended; it handed the connection back itself.
            }
        }

        private async Task RollBackForRetryAsync()
        {
            if (_lastControlStatement == "COMMIT")
            {
                // A failed COMMIT has already ended the transaction: the next attempt begins a new one.
                MarkClosed();
            }
            else if (mode == TransactionMode.Savepoint)
            {
                await SendAsync($"ROLLBACK TO SAVEPOINT {SavepointName}", CancellationToken.None);
            }
            else
            {
                await SendAsync("ROLLBACK", CancellationToken.None);
                MarkClosed();
            }
        }

        private Task SendAsync(string sql, CancellationToken ct)
        {
            _lastControlStatement = sql;
            observer?.OnStatement(sql);
            return session.ExecuteControlAsync(sql, ct);
        }

        private void MarkClosed()
        {
            _open = false;
            session.InTransaction = false;
        }
    }

    internal static bool IsRetryable(string sqlState) =>
        sqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    /// <summary>Errors after which the server may or may not have committed: lost connection, shutdown, CockroachDB's 40003.</summary>
    private static bool IsConnectionFailure(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is "40003" || pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException or IOException or TimeoutException or ObjectDisposedException => true,
        InvalidOperationException => e.InnerException is not null && IsConnectionFailure(e.InnerException),
        _ => false,
    };

    private static PostgresException? FindPostgresException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
            {
                return pg;
            }
        }
        return null;
    }

    private static string IsolationSql(IsolationLevel level) => level switch
    {
        IsolationLevel.Serializable => "SERIALIZABLE",
        IsolationLevel.RepeatableRead => "REPEATABLE READ",
        IsolationLevel.ReadCommitted => "READ COMMITTED",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Use Serializable, RepeatableRead or ReadCommitted."),
    };

    /// <summary>How long an abandoned transaction's ROLLBACK may take before its connection is given up instead.</summary>
    internal static readonly TimeSpan RollbackTimeout = TimeSpan.FromSeconds(5);

    /// <summary>One attempt failed in a way that allows another: a conflict (40001/40P01), or the connection was lost before COMMIT.</summary>
    private sealed class RetryableAttemptException(PostgresException? conflict, Exception cause) : Exception(cause.Message, cause)
    {
        public PostgresException? Conflict { get; } = conflict;

        public string SqlState => Conflict?.SqlState ?? (InnerException as PostgresException)?.SqlState ?? PostgresErrorCodes.ConnectionFailure;
    }
}
