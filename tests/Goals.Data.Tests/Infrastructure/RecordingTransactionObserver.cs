using Goals.Data.Sessions;
using Goals.Data.Transactions;

namespace Goals.Data.Tests.Infrastructure;

/// <summary>Records the control statements in order.</summary>
public sealed class RecordingTransactionObserver : ITransactionObserver
{
    private readonly List<string> _statements = [];

    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
            {
                return _statements.ToList();
            }
        }
    }

    public Func<DbSession, CancellationToken, Task>? BeforeCommit { get; set; }

    public void OnStatement(string sql)
    {
        lock (_statements)
        {
            _statements.Add(sql);
        }
    }

    public Task BeforeCommitAsync(DbSession session, CancellationToken ct) => BeforeCommit?.Invoke(session, ct) ?? Task.CompletedTask;
}
