namespace Goals.Api.Jobs.Kinds;

/// <summary>The import's running totals, saved as its checkpoint after every chunk and returned as its result.</summary>
public sealed class ImportReport
{
    public const int MaxListedRows = 100;

    /// <summary>CSV: which file (0 goals, 1 tasks, 2 notes); JSON: 0.</summary>
    public int Stage { get; set; }
    /// <summary>Records of the current stage already handled (committed).</summary>
    public long Position { get; set; }
    public long Imported { get; set; }
    /// <summary>Valid rows that were there already (the same file imported before).</summary>
    public long AlreadyPresent { get; set; }
    public long Rejected { get; set; }
    public List<RejectedRow> Rows { get; set; } = [];

    public void Reject(int line, string message)
    {
        Rejected++;
        if (Rows.Count < MaxListedRows) Rows.Add(new RejectedRow(line, message));
    }

    public sealed record RejectedRow(int Line, string Message);
}
