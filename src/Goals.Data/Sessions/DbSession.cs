using System.Data;
using Dapper;
using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>
/// One per request: lazily opens at most one connection and keeps it until disposed. Commands are
/// serialized (a connection runs one command at a time). Queries queued with <see cref="Enqueue{T}"/>
/// (DataLoaders) go to the server together as one <see cref="NpgsqlBatch"/> on <see cref="FlushAsync"/>.
/// While a <see cref="Transactions.TransactionRunner"/> transaction is open, every command runs in it.
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _queueLock = new();
    private List<QueuedQuery> _queue = [];
    private NpgsqlConnection? _connection;
    private int _statementCount;
    private int _roundTrips;
    private int _transactionRetries;

    public DbSession(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>Statements sent so far (a batch of n counts n).</summary>
    public int StatementCount => Volatile.Read(ref _statementCount);

    /// <summary>Network round trips so far (a batch counts 1).</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>Transaction retries (40001/40P01) of all transactions run on this session, for the request log.</summary>
    public int TransactionRetries => Volatile.Read(ref _transactionRetries);

    /// <summary>True while a TransactionRunner transaction is open on this session.</summary>
    public bool InTransaction { get; internal set; }

    /// <summary>Queries queued and not flushed yet.</summary>
    public int PendingCount
    {
        get
        {
            lock (_queueLock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// Queues a query; nothing is sent until <see cref="FlushAsync"/>. Rows are mapped with Dapper
    /// (columns to properties by name, case-insensitive). Parameters are referenced as @name or $n.
    /// </summary>
    public Task<IReadOnlyList<T>> Enqueue<T>(string sql, params NpgsqlParameter[] parameters)
    {
        var query = new QueuedQuery<T>(sql, parameters);
        lock (_queueLock)
        {
            _queue.Add(query);
        }
        return query.Result;
    }

    /// <summary>Sends everything queued as ONE batch (one round trip) and completes the queued tasks.</summary>
    public async ValueTask FlushAsync(CancellationToken ct = default)
    {
        List<QueuedQuery> queued;
        lock (_queueLock)
        {
            if (_queue.Count == 0)
            {
                return;
            }
            queued = _queue;
            _queue = [];
        }

        await _gate.WaitAsync(ct);
        var next = 0;
        try
        {
            var connection = await OpenConnectionCoreAsync(ct);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var query in queued)
            {
                batch.BatchCommands.Add(query.ToBatchCommand());
            }
            CountRoundTrip(queued.Count);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (; next < queued.Count; next++)
            {
                if (next > 0 && !await reader.NextResultAsync(ct))
                {
                    throw new InvalidOperationException($"The batch returned fewer result sets than the {queued.Count} queued queries.");
                }
                await queued[next].ReadAsync(reader, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            queued.Skip(next).ToList().ForEach(q => q.Cancel(ct));
            throw;
        }
        catch (Exception e)
        {
            queued.Skip(next).ToList().ForEach(q => q.Fail(e));
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var connection = await OpenConnectionCoreAsync(ct);
            CountRoundTrip(1);
            var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct));
            return rows.AsList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var connection = await OpenConnectionCoreAsync(ct);
            CountRoundTrip(1);
            return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs a command; returns the affected row count.</summary>
    public async Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var connection = await OpenConnectionCoreAsync(ct);
            CountRoundTrip(1);
            return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The server process id of this session's connection (opens it if needed).</summary>
    public async Task<int> GetBackendProcessIdAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return (await OpenConnectionCoreAsync(ct)).ProcessID;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends a transaction-control statement (BEGIN, SAVEPOINT, COMMIT, ...) of the TransactionRunner.</summary>
    internal async Task ExecuteControlAsync(string sql, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var connection = await OpenConnectionCoreAsync(ct);
            CountRoundTrip(1);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>True when the connection died (server gone, socket error): its transaction outcome is unknown.</summary>
    internal bool ConnectionIsBroken =>
        _connection is { } c && (c.FullState.HasFlag(ConnectionState.Broken) || c.FullState == ConnectionState.Closed);

    internal void AddTransactionRetry() => Interlocked.Increment(ref _transactionRetries);

    private void CountRoundTrip(int statements)
    {
        Interlocked.Increment(ref _roundTrips);
        Interlocked.Add(ref _statementCount, statements);
    }

    private async ValueTask<NpgsqlConnection> OpenConnectionCoreAsync(CancellationToken ct)
    {
        if (_connection is not null && ConnectionIsBroken)
        {
            // A broken connection cannot be reused; a transaction on it is gone with it.
            await _connection.DisposeAsync();
            _connection = null;
            if (InTransaction)
            {
                throw new InvalidOperationException("The session's connection was lost inside a transaction.");
            }
        }
        return _connection ??= await _dataSource.OpenConnectionAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        List<QueuedQuery> abandoned;
        lock (_queueLock)
        {
            abandoned = _queue;
            _queue = [];
        }
        abandoned.ForEach(q => q.Fail(new ObjectDisposedException(nameof(DbSession), "The session was disposed before the query was flushed.")));
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
        _gate.Dispose();
    }
}
