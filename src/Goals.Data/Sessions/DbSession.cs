using System.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>
/// One per request: lazily opens at most one connection and keeps it until disposed. Commands are
/// serialized (a connection runs one command at a time). Queries queued with <see cref="Enqueue{T}"/>
/// (DataLoaders) go to the server together as one <see cref="NpgsqlBatch"/> on <see cref="FlushAsync"/>.
/// While a <see cref="Transactions.TransactionRunner"/> transaction is open, every command runs in it.
/// <para>
/// Faults: outside a transaction, a read whose connection was lost (a pooled connection the server or a load
/// balancer dropped) is sent again on a fresh connection, at most twice; the second retry first clears the pool's
/// idle connections, which a server restart killed too. Writes and anything inside a transaction are never re-sent
/// here (the TransactionRunner restarts whole transactions).
/// </para>
/// <para>
/// Disposal never runs into a command: the connection goes back to the pool (Npgsql rolls back an open transaction
/// and resets the session) only once no command holds it; if one is still running, the command closes it when it ends.
/// </para>
/// </summary>
public sealed class DbSession : IAsyncDisposable
{
    private const int MaxReadAttempts = 3;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _queueLock = new();
    private List<QueuedQuery> _queue = [];
    private NpgsqlConnection? _connection;
    private int _disposed;
    private int _statementCount;
    private int _roundTrips;
    private int _transactionRetries;
    private int _connectionRetries;

    public DbSession(NpgsqlDataSource dataSource, ILogger? logger = null)
    {
        _dataSource = dataSource;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Statements sent so far (a batch of n counts n).</summary>
    public int StatementCount => Volatile.Read(ref _statementCount);

    /// <summary>Network round trips so far (a batch counts 1).</summary>
    public int RoundTrips => Volatile.Read(ref _roundTrips);

    /// <summary>Transaction retries (40001/40P01, lost connections before COMMIT) of all transactions run on this session.</summary>
    public int TransactionRetries => Volatile.Read(ref _transactionRetries);

    /// <summary>Reads sent again because their connection was lost.</summary>
    public int ConnectionRetries => Volatile.Read(ref _connectionRetries);

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

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Queues a query; nothing is sent until <see cref="FlushAsync"/>. Rows are read by <typeparamref name="T"/> itself
    /// (<see cref="IRow{TSelf}"/>). Parameters are referenced as @name or $n.
    /// </summary>
    public Task<IReadOnlyList<T>> Enqueue<T>(string sql, params NpgsqlParameter[] parameters) where T : IRow<T> =>
        Add(new QueuedQuery<T>(sql, parameters, RowReader<T>.ReadAllAsync));

    /// <summary>Queues a query whose first column is the value (a count, an id); NULL gives default.</summary>
    public Task<IReadOnlyList<T>> EnqueueValues<T>(string sql, params NpgsqlParameter[] parameters) =>
        Add(new QueuedQuery<T>(sql, parameters, ValueReader<T>.ReadAllAsync));

    private Task<IReadOnlyList<T>> Add<T>(QueuedQuery<T> query)
    {
        lock (_queueLock)
        {
            if (IsDisposed)
            {
                query.Fail(Disposed());
                return query.Result;
            }
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

        var next = 0;
        try
        {
            var readOnly = queued.TrueForAll(q => q.IsReadOnly);
            await RunAsync(readOnly, queued.Count, async (connection, c) =>
            {
                next = 0;
                await using var batch = new NpgsqlBatch(connection);
                foreach (var query in queued)
                {
                    batch.BatchCommands.Add(query.ToBatchCommand());
                }
                await using var reader = await batch.ExecuteReaderAsync(c);
                for (; next < queued.Count; next++)
                {
                    if (next > 0 && !await reader.NextResultAsync(c))
                    {
                        throw new InvalidOperationException($"The batch returned fewer result sets than the {queued.Count} queued queries.");
                    }
                    await queued[next].ReadAsync(reader, c);
                }
                return true;
            }, ct);
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
    }

    /// <summary>
    /// Runs a query now. <paramref name="parameters"/>: an object whose properties are the @names (an anonymous type)
    /// or a list of <see cref="NpgsqlParameter"/> (<see cref="SqlArguments"/>).
    /// </summary>
    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null, CancellationToken ct = default)
        where T : IRow<T> =>
        ReadAsync(sql, parameters, RowReader<T>.ReadAllAsync, ct);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null, CancellationToken ct = default)
        where T : IRow<T> =>
        ReadAsync(sql, parameters, RowReader<T>.ReadSingleOrDefaultAsync, ct);

    /// <summary>Runs a query whose first column is the value; NULL gives default.</summary>
    public Task<IReadOnlyList<T>> QueryValuesAsync<T>(string sql, object? parameters = null, CancellationToken ct = default) =>
        ReadAsync(sql, parameters, ValueReader<T>.ReadAllAsync, ct);

    /// <summary>The first column of the only row, or default when there is none (or it is NULL); more than one row throws.</summary>
    public Task<T?> QueryValueAsync<T>(string sql, object? parameters = null, CancellationToken ct = default) =>
        ReadAsync(sql, parameters, ValueReader<T>.ReadSingleOrDefaultAsync, ct);

    private Task<TResult> ReadAsync<TResult>(string sql, object? parameters,
        Func<NpgsqlDataReader, CancellationToken, Task<TResult>> read, CancellationToken ct) =>
        RunAsync(DatabaseFailures.IsReadOnlyStatement(sql), 1, async (connection, c) =>
        {
            await using var command = Command(connection, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(c);
            return await read(reader, c);
        }, ct);

    /// <summary>Runs a command; returns the affected row count.</summary>
    public Task<int> ExecuteAsync(string sql, object? parameters = null, CancellationToken ct = default) =>
        RunAsync(DatabaseFailures.IsReadOnlyStatement(sql), 1, async (connection, c) =>
        {
            await using var command = Command(connection, sql, parameters);
            return await command.ExecuteNonQueryAsync(c);
        }, ct);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object? parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        SqlArguments.AddTo(command, sql, parameters);
        return command;
    }

    /// <summary>The server process id of this session's connection (opens it if needed).</summary>
    public Task<int> GetBackendProcessIdAsync(CancellationToken ct = default) =>
        RunAsync(true, 0, (connection, _) => Task.FromResult(connection.ProcessID), ct);

    /// <summary>Sends a transaction-control statement (BEGIN, SAVEPOINT, COMMIT, ...) of the TransactionRunner.</summary>
    internal Task ExecuteControlAsync(string sql, CancellationToken ct) =>
        RunAsync(false, 1, async (connection, c) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync(c);
        }, ct);

    /// <summary>True when the connection died (server gone, socket error): its transaction outcome is unknown.</summary>
    internal bool ConnectionIsBroken =>
        _connection is { } c && (c.FullState.HasFlag(ConnectionState.Broken) || c.FullState == ConnectionState.Closed);

    internal void AddTransactionRetry() => Interlocked.Increment(ref _transactionRetries);

    /// <summary>
    /// Gives up the connection after a transaction could not be ended cleanly: it goes back to the pool, which
    /// rolls back and resets it, or destroys it when it is broken. The session's next command opens another one.
    /// </summary>
    internal async Task ReleaseConnectionAsync()
    {
        await EnterAsync(CancellationToken.None);
        try
        {
            await CloseConnectionAsync();
        }
        finally
        {
            await ExitAsync();
        }
    }

    private async Task<T> RunAsync<T>(bool replayable, int statements, Func<NpgsqlConnection, CancellationToken, Task<T>> command,
        CancellationToken ct)
    {
        await EnterAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var connection = await OpenConnectionCoreAsync(ct);
                if (statements > 0)
                {
                    CountRoundTrip(statements);
                }
                try
                {
                    return await command(connection, ct);
                }
                catch (Exception e) when (replayable && attempt < MaxReadAttempts && !InTransaction && !ct.IsCancellationRequested
                                          && ConnectionIsBroken && DatabaseFailures.IsUnavailable(e))
                {
                    Interlocked.Increment(ref _connectionRetries);
                    _logger.LogWarning("Connection lost during a read ({Reason}); sending it again on a new connection (retry {Retry} of {MaxRetries})",
                        e.Message, attempt, MaxReadAttempts - 1);
                    await CloseConnectionAsync();
                    if (attempt == MaxReadAttempts - 1)
                    {
                        // Twice in a row: the server probably restarted, and every idle connection in the pool died with it.
                        NpgsqlConnection.ClearPool(connection);
                    }
                }
            }
        }
        finally
        {
            await ExitAsync();
        }
    }

    private async ValueTask EnterAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await _gate.WaitAsync(ct);
        if (IsDisposed)
        {
            // Disposed while this command waited: it now owns the gate, so it is the one to hand the connection back.
            await CloseForGoodAsync();
            throw Disposed();
        }
    }

    private async ValueTask ExitAsync()
    {
        _gate.Release();
        if (IsDisposed && _gate.Wait(0))
        {
            // The session was disposed while this command ran; whoever takes the gate after disposal closes the connection.
            await CloseForGoodAsync();
        }
    }

    private void CountRoundTrip(int statements)
    {
        Interlocked.Increment(ref _roundTrips);
        Interlocked.Add(ref _statementCount, statements);
    }

    private async ValueTask<NpgsqlConnection> OpenConnectionCoreAsync(CancellationToken ct)
    {
        if (_connection is not null && ConnectionIsBroken)
        {
            // A broken connection cannot be reused; a transaction on it is gone with it. Inside a transaction it stays
            // until the TransactionRunner has seen it broken and restarts the transaction, which replaces it.
            if (InTransaction)
            {
                throw new InvalidOperationException("The session's connection was lost inside a transaction.");
            }
            await CloseConnectionAsync();
        }
        return _connection ??= await _dataSource.OpenConnectionAsync(ct);
    }

    private async ValueTask CloseConnectionAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null)
        {
            return;
        }
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
        {
            // Npgsql destroys a connection whose reset failed instead of pooling it; nothing else to do.
            _logger.LogDebug("Closing a session connection failed: {Reason}", e.Message);
        }
    }

    private ObjectDisposedException Disposed() => new(nameof(DbSession), "The request's database session has ended.");

    /// <summary>
    /// Ends the session: queued queries fail, and the connection goes back to the pool now if no command holds it,
    /// otherwise as soon as that command ends. Never throws, never waits for a running command.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        List<QueuedQuery> abandoned;
        lock (_queueLock)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }
            abandoned = _queue;
            _queue = [];
        }
        abandoned.ForEach(q => q.Fail(Disposed()));
        if (_gate.Wait(0))
        {
            await CloseForGoodAsync();
        }
    }

    /// <summary>
    /// Run by whoever holds the gate once the session is disposed: it hands the connection back and, since nobody
    /// releases the gate after that, disposes it too (a command entering later fails as the session has ended).
    /// </summary>
    private async ValueTask CloseForGoodAsync()
    {
        await CloseConnectionAsync();
        _gate.Dispose();
    }
}
