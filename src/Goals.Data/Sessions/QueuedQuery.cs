using System.Data.Common;
using Dapper;
using Npgsql;

namespace Goals.Data.Sessions;

/// <summary>A query waiting in a <see cref="DbSession"/> for the next batched flush.</summary>
internal abstract class QueuedQuery(string sql, NpgsqlParameter[] parameters)
{
    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Reads this query's result set from the current position of the reader.</summary>
    public abstract Task ReadAsync(DbDataReader reader, CancellationToken ct);

    public abstract void Fail(Exception exception);

    public abstract void Cancel(CancellationToken ct);
}

internal sealed class QueuedQuery<T>(string sql, NpgsqlParameter[] parameters) : QueuedQuery(sql, parameters)
{
    private readonly TaskCompletionSource<IReadOnlyList<T>> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<T>> Result => _result.Task;

    public override async Task ReadAsync(DbDataReader reader, CancellationToken ct)
    {
        // Dapper caches the materializer per (type, columns); getting it is a dictionary lookup.
        var parse = reader.GetRowParser<T>();
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(parse(reader));
        }
        _result.TrySetResult(rows);
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);

    public override void Cancel(CancellationToken ct) => _result.TrySetCanceled(ct);
}
