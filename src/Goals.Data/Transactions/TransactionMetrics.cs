using System.Diagnostics.Metrics;

namespace Goals.Data.Transactions;

public static class TransactionMetrics
{
    public const string MeterName = "Goals.Data";
    public const string RetriesCounterName = "goals.db.transaction.retries";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>One per retried attempt, tagged with the SQLSTATE and mode.</summary>
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesCounterName, unit: "{retry}", description: "Transaction attempts retried after a serialization failure or deadlock.");
}
