namespace Goals.GraphQL.DataLoader;

/// <summary>
/// The per-request set of data loaders. The executor dispatches every loader with queued keys once a level of
/// the selection has been resolved, all of them in one round, then calls <see cref="AfterBatchesStarted"/> so
/// a data layer can send the batches started in that round to the database together.
/// </summary>
public sealed partial class DataLoaderContext
{
    private readonly object _lock = new();
    private readonly Dictionary<string, object> _loaders = new(StringComparer.Ordinal);
    private readonly List<IDataLoader> _pending = [];

    /// <summary>Called after every pending batch of a round has been started (and before any is awaited).</summary>
    public Func<CancellationToken, ValueTask>? AfterBatchesStarted { get; set; }

    /// <summary>Raised (on the thread that queued the key) when a loader gets its first queued key; the executor wakes up on it.</summary>
    internal Action? KeysQueued { get; set; }

    /// <summary>How many rounds have been dispatched (diagnostics and tests).</summary>
    public int RoundCount { get; private set; }

    /// <summary>The loader registered under this name for the request, created on first use.</summary>
    public DataLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull
    {
        lock (_lock)
        {
            if (_loaders.TryGetValue(name, out var existing))
            {
                return existing as DataLoader<TKey, TValue> ?? throw new InvalidOperationException(
                    $"Data loader \"{name}\" was registered with different key/value types.");
            }

            var loader = new DataLoader<TKey, TValue>(this, name, batch);
            _loaders[name] = loader;
            return loader;
        }
    }

    /// <summary>True when some loader has keys waiting for a dispatch.</summary>
    public bool HasPendingLoads
    {
        get
        {
            lock (_lock) return _pending.Count > 0;
        }
    }

    internal void MarkPending(IDataLoader loader)
    {
        lock (_lock) _pending.Add(loader);
        KeysQueued?.Invoke();
    }

    /// <summary>
    /// Fails every queued, undispatched load as cancelled, so that the resolvers awaiting them finish; the executor calls
    /// it after its request was cancelled, instead of dispatching another round.
    /// </summary>
    public void CancelQueued(CancellationToken cancellationToken)
    {
        IDataLoader[] loaders;
        lock (_lock)
        {
            loaders = _pending.ToArray();
            _pending.Clear();
        }

        foreach (var loader in loaders) loader.CancelQueued(cancellationToken);
    }

    /// <summary>
    /// One dispatch round: starts the batch function of every loader with queued keys, then calls
    /// <see cref="AfterBatchesStarted"/> once, then awaits all batches and completes their loads (continuations of
    /// the awaiting resolvers run inline, in queue order, on the caller's flow).
    /// </summary>
    public async Task DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        IDataLoader[] loaders;
        lock (_lock)
        {
            if (_pending.Count == 0) return;
            loaders = _pending.ToArray();
            _pending.Clear();
        }

        var runs = new List<IBatchRun>(loaders.Length);
        foreach (var loader in loaders)
            if (loader.StartBatch(cancellationToken) is { } run) runs.Add(run);
        if (runs.Count == 0) return; // keys raced into a batch that was already started
        RoundCount++;

        Exception? hookError = null;
        if (AfterBatchesStarted is { } hook)
        {
            try
            {
                await hook(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                hookError = ex;
            }
        }

        if (hookError is not null)
        {
            // The hook was meant to send the batches; those still pending may never complete, so their loads fail
            // with the hook's error (fields of those keys only) instead of hanging the request.
            foreach (var run in runs)
            {
                if (run.Task.IsCompleted) run.Complete();
                else run.Fail(hookError);
            }

            return;
        }

        foreach (var run in runs)
        {
            try
            {
                await run.Task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Reported to the loads of this batch only.
            }
        }

        foreach (var run in runs) run.Complete();
    }
}
