namespace Goals.Data.Transactions;

public enum TransactionMode
{
    /// <summary>Savepoint on CockroachDB, Restart on PostgreSQL.</summary>
    Auto,

    /// <summary>
    /// CockroachDB's client-side retry protocol: BEGIN; SAVEPOINT cockroach_restart; work;
    /// RELEASE SAVEPOINT cockroach_restart; COMMIT — on 40001 ROLLBACK TO SAVEPOINT cockroach_restart and rerun the work.
    /// </summary>
    Savepoint,

    /// <summary>On 40001/40P01 roll the whole transaction back and start a new one (PostgreSQL: a fresh snapshot).</summary>
    Restart,
}
