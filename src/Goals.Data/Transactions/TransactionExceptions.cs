using Npgsql;

namespace Goals.Data.Transactions;

/// <summary>
/// The connection failed while the commit was in flight: the transaction may or may not have
/// committed. Never retried automatically; the caller must check (e.g. via an idempotency key).
/// </summary>
public sealed class TransactionResultAmbiguousException(Exception inner)
    : Exception("The connection failed during COMMIT; whether the transaction committed is unknown. It was not retried.", inner)
{
    public string? SqlState => (InnerException as PostgresException)?.SqlState;
}

/// <summary>Every attempt hit a retryable conflict; nothing was committed.</summary>
public sealed class TransactionRetryLimitExceededException(int attempts, PostgresException last)
    : Exception($"The transaction hit a retryable conflict (SQLSTATE {last.SqlState}) on all {attempts} attempts and was abandoned; nothing was committed.", last)
{
    public int Attempts { get; } = attempts;
    public string SqlState { get; } = last.SqlState;
}
