using System.Data;

namespace Goals.Data.Transactions;

public sealed record TransactionOptions
{
    public TransactionMode Mode { get; init; } = TransactionMode.Auto;

    /// <summary>
    /// Null: SERIALIZABLE, except Savepoint mode forced on PostgreSQL, which uses READ COMMITTED:
    /// there each statement takes a fresh snapshot, so rerunning the work after ROLLBACK TO SAVEPOINT
    /// sees current data. Under SERIALIZABLE/REPEATABLE READ PostgreSQL keeps the transaction's first
    /// snapshot across the rollback, so a savepoint retry would replay against stale data.
    /// </summary>
    public IsolationLevel? IsolationLevel { get; init; }

    /// <summary>Total attempts including the first.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>First retry delay; grows exponentially with jitter, capped at <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Sees every control statement and the moment before commit (tests, diagnostics).</summary>
    public ITransactionObserver? Observer { get; init; }
}
