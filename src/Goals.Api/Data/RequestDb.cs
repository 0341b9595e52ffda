using System.Diagnostics;
using Npgsql;

namespace Goals.Api.Data;

/// <summary>
/// The database side of one request: at most one connection, a queue of statements that <see cref="FlushAsync"/>
/// sends as ONE <see cref="NpgsqlBatch"/> (one round trip), and the counters the request log reports.
/// App-side adapter over the table layout of schema/migrations; it stands in for the data branch's DbSession and
/// TransactionRunner until they land (same shape: Enqueue + FlushAsync, a serializable retry loop).
/// </summary>
public sealed class RequestDb : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _queueLock = new();
    private List<IPending> _queue = [];
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public RequestDb(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public int StatementCount { get; private set; }
    public int RoundTrips { get; private set; }
    public int TransactionRetries { get; private set; }

    /// <summary>Queues a query; the task completes once a flush has run it.</summary>
    public Task<List<T>> Enqueue<T>(string sql, Func<NpgsqlDataReader, T> map, params NpgsqlParameter[] parameters)
    {
        var pending = new Pending<T>(sql, map, parameters);
        lock (_queueLock) _queue.Add(pending);
        return pending.Completion.Task;
    }

    /// <summary>Sends every queued statement in one batch (no-op when nothing is queued).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            List<IPending> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0) return;
                batch = _queue;
                _queue = [];
            }

            await SendAsync(batch, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Enqueue + flush: one statement in its own round trip (with anything else already queued).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken,
        params NpgsqlParameter[] parameters)
    {
        var result = Enqueue(sql, map, parameters);
        await FlushAsync(cancellationToken);
        return await result;
    }

    private async Task SendAsync(List<IPending> batch, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("db.roundtrip", ActivityKind.Client);
        activity?.SetTag("db.system", "postgresql");
        activity?.SetTag("db.statement_count", batch.Count);
        try
        {
            var connection = await GetConnectionAsync(cancellationToken);
            await using var npgsqlBatch = new NpgsqlBatch(connection, _transaction);
            foreach (var pending in batch)
            {
                var command = new NpgsqlBatchCommand(pending.Sql);
                command.Parameters.AddRange(pending.Parameters);
                npgsqlBatch.BatchCommands.Add(command);
            }

            StatementCount += batch.Count;
            RoundTrips++;
            await using var reader = await npgsqlBatch.ExecuteReaderAsync(cancellationToken);
            var index = 0;
            do
            {
                await batch[index].ReadAsync(reader, cancellationToken);
                index++;
            } while (index < batch.Count && await reader.NextResultAsync(cancellationToken));

            for (; index < batch.Count; index++) batch[index].SetEmpty();
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            foreach (var pending in batch) pending.Fail(ex);
            throw;
        }
    }

    private async ValueTask<NpgsqlConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            _connection = _dataSource.CreateConnection();
            await _connection.OpenAsync(cancellationToken);
        }

        return _connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a SERIALIZABLE transaction; on SQLSTATE 40001 (or a lost race on a unique key
    /// the work declares retryable) the whole transaction is rolled back and run again, up to 5 attempts with
    /// jittered exponential backoff. The work must have no side effects outside the transaction.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        const int maxAttempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var connection = await GetConnectionAsync(cancellationToken);
                _transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
                RoundTrips++;
            }
            finally
            {
                _gate.Release();
            }

            try
            {
                var result = await work(cancellationToken);
                await _transaction.CommitAsync(cancellationToken);
                RoundTrips++;
                return result;
            }
            catch (Exception ex) when (attempt < maxAttempts && IsRetryable(ex))
            {
                TransactionRetries++;
                await RollbackQuietlyAsync();
                await Task.Delay(TimeSpan.FromMilliseconds((10 << attempt) + Random.Shared.Next(0, 10)), cancellationToken);
            }
            catch
            {
                await RollbackQuietlyAsync();
                throw;
            }
            finally
            {
                if (_transaction is not null)
                {
                    await _transaction.DisposeAsync();
                    _transaction = null;
                }
            }
        }
    }

    private async Task RollbackQuietlyAsync()
    {
        try
        {
            if (_transaction is not null && _transaction.Connection is not null) await _transaction.RollbackAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // The connection is gone; the server rolls back on its own.
        }
    }

    private static bool IsRetryable(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            || (pg.SqlState == PostgresErrorCodes.UniqueViolation && pg.ConstraintName == "idempotency_keys_pk"),
        _ when ex.InnerException is not null => IsRetryable(ex.InnerException),
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private interface IPending
    {
        string Sql { get; }
        NpgsqlParameter[] Parameters { get; }
        Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken);
        void SetEmpty();
        void Fail(Exception exception);
    }

    private sealed class Pending<T>(string sql, Func<NpgsqlDataReader, T> map, NpgsqlParameter[] parameters) : IPending
    {
        public TaskCompletionSource<List<T>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Sql => sql;
        public NpgsqlParameter[] Parameters => parameters;

        public async Task ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
        {
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
            Completion.TrySetResult(rows);
        }

        public void SetEmpty() => Completion.TrySetResult([]);
        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
