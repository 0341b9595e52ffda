namespace Goals.GraphQL.DataLoader;

/// <summary>
/// The per-request set of data loaders. The executor dispatches every loader with queued keys once a level of
/// the selection has been resolved, all of them in one round, then calls <see cref="AfterBatchesStarted"/> so
/// a data layer can send the batches started in that round to the database together.
/// </summary>
public sealed partial class DataLoaderContext
{
    /// <summary>Called after every pending batch of a round has been started (and before any is awaited).</summary>
    public Func<CancellationToken, ValueTask>? AfterBatchesStarted { get; set; }
}
