using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>A query waiting in a <see cref="DbSession"/> for the next batched flush.</summary>
internal abstract class QueuedQuery(string sql, NpgsqlParameter[] parameters)
{
    private bool _sent;

    /// <summary>Safe to send again after a lost connection.</summary>
    public bool IsReadOnly { get; } = DatabaseFailures.IsReadOnlyStatement(sql);

    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(sql);
        // A parameter belongs to one collection: a batch sent again gets copies.
        command.Parameters.AddRange(_sent ? Array.ConvertAll(parameters, p => p.Clone()) : parameters);
        _sent = true;
        return command;
    }

    /// <summary>Reads this query's result set from the current position of the reader.</summary>
    public abstract Task ReadAsync(NpgsqlDataReader reader, CancellationToken ct);

    public abstract void Fail(Exception exception);

    public abstract void Cancel(CancellationToken ct);
}

internal sealed class QueuedQuery<T>(string sql, NpgsqlParameter[] parameters,
    Func<NpgsqlDataReader, CancellationToken, Task<IReadOnlyList<T>>> read) : QueuedQuery(sql, parameters)
{
    private readonly TaskCompletionSource<IReadOnlyList<T>> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<T>> Result => _result.Task;

    public override async Task ReadAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        _result.TrySetResult(await read(reader, ct));
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);

    public override void Cancel(CancellationToken ct) => _result.TrySetCanceled(ct);
}
