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
