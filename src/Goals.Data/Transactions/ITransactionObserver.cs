using Goals.Data.Sessions;

namespace Goals.Data.Transactions;

/// <summary>Hooks into the <see cref="TransactionRunner"/> protocol (tests, diagnostics).</summary>
public interface ITransactionObserver
{
    /// <summary>Called with each control statement (BEGIN ..., SAVEPOINT ..., COMMIT, ROLLBACK ...) right before it is sent.</summary>
    void OnStatement(string sql);

    /// <summary>Called after the work succeeded, right before the commit statements are sent.</summary>
    Task BeforeCommitAsync(DbSession session, CancellationToken ct) => Task.CompletedTask;
}

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
