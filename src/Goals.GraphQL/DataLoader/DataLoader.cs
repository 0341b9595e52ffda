namespace Goals.GraphQL.DataLoader;

public delegate Task<IReadOnlyDictionary<TKey, TValue>> BatchLoadFunction<TKey, TValue>(
    IReadOnlyList<TKey> keys, CancellationToken cancellationToken) where TKey : notnull;

/// <summary>One started batch of one loader; completed by the context once every batch of the round is done.</summary>
internal interface IBatchRun
{
    Task Task { get; }
    void Complete();
    void Fail(Exception error);
}

internal interface IDataLoader
{
    IBatchRun? StartBatch(CancellationToken cancellationToken);

    /// <summary>Cancels the keys queued and not yet dispatched (the request was cancelled).</summary>
    void CancelQueued(CancellationToken cancellationToken);
}

/// <summary>
/// Batches and caches loads of one kind for one request. <see cref="LoadAsync"/> only queues the key; the executor
/// dispatches every loader with queued keys in one round once the current level of the query cannot progress further.
/// The same key twice in a request gives the same task (one load).
/// </summary>
public sealed partial class DataLoader<TKey, TValue> : IDataLoader where TKey : notnull
{
    private readonly DataLoaderContext _context;
    private readonly BatchLoadFunction<TKey, TValue> _batch;
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache = new();
    private readonly object _lock = new();
    private List<TKey> _queue = [];
    private List<TaskCompletionSource<TValue?>> _queuedPromises = [];

    internal DataLoader(DataLoaderContext context, string name, BatchLoadFunction<TKey, TValue> batch)
    {
        _context = context;
        _batch = batch;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Queues the key; the result arrives when the executor dispatches this level. A missing key gives default.</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        bool first;
        TaskCompletionSource<TValue?> promise;
        lock (_lock)
        {
            if (_cache.TryGetValue(key, out var cached)) return cached.Task;
            // Continuations run inline when the context completes the round, so a level's resolvers all advance
            // (and queue their next keys) before the executor looks for the next round.
            promise = new TaskCompletionSource<TValue?>();
            _cache[key] = promise;
            _queue.Add(key);
            _queuedPromises.Add(promise);
            first = _queue.Count == 1;
        }

        if (first) _context.MarkPending(this);
        return promise.Task;
    }

    /// <summary>Loads several keys (each cached and batched like <see cref="LoadAsync"/>).</summary>
    public async Task<TValue?[]> LoadManyAsync(IEnumerable<TKey> keys)
    {
        var tasks = new List<Task<TValue?>>();
        foreach (var key in keys) tasks.Add(LoadAsync(key));
        return await Task.WhenAll(tasks);
    }

    void IDataLoader.CancelQueued(CancellationToken cancellationToken)
    {
        List<TaskCompletionSource<TValue?>> promises;
        lock (_lock)
        {
            promises = _queuedPromises;
            _queue = [];
            _queuedPromises = [];
        }

        foreach (var promise in promises) promise.TrySetCanceled(cancellationToken);
    }

    IBatchRun? IDataLoader.StartBatch(CancellationToken cancellationToken)
    {
        List<TKey> keys;
        List<TaskCompletionSource<TValue?>> promises;
        lock (_lock)
        {
            if (_queue.Count == 0) return null;
            keys = _queue;
            promises = _queuedPromises;
            _queue = [];
            _queuedPromises = [];
        }

        Task<IReadOnlyDictionary<TKey, TValue>> task;
        try
        {
            task = _batch(keys, cancellationToken) ?? Task.FromException<IReadOnlyDictionary<TKey, TValue>>(
                new InvalidOperationException($"Batch function of data loader \"{Name}\" returned no task."));
        }
        catch (Exception ex)
        {
            task = Task.FromException<IReadOnlyDictionary<TKey, TValue>>(ex);
        }

        return new BatchRun(keys, promises, task);
    }

    private sealed class BatchRun(List<TKey> keys, List<TaskCompletionSource<TValue?>> promises,
        Task<IReadOnlyDictionary<TKey, TValue>> task) : IBatchRun
    {
        public Task Task => task;

        public void Fail(Exception error)
        {
            foreach (var promise in promises) promise.TrySetException(error);
        }

        public void Complete()
        {
            if (task.IsFaulted)
            {
                var error = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
                foreach (var promise in promises) promise.TrySetException(error);
                return;
            }

            if (task.IsCanceled)
            {
                foreach (var promise in promises) promise.TrySetCanceled();
                return;
            }

            var results = task.Result;
            for (var i = 0; i < keys.Count; i++)
                promises[i].TrySetResult(results is not null && results.TryGetValue(keys[i], out var value) ? value : default);
        }
    }
}
