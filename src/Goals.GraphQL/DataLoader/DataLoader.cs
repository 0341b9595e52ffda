namespace Goals.GraphQL.DataLoader;

public delegate Task<IReadOnlyDictionary<TKey, TValue>> BatchLoadFunction<TKey, TValue>(
    IReadOnlyList<TKey> keys, CancellationToken cancellationToken) where TKey : notnull;

/// <summary>Batches and caches loads of one kind for one request. CONTRACT STUB.</summary>
public sealed partial class DataLoader<TKey, TValue> where TKey : notnull
{
    /// <summary>Queues the key; the result arrives when the executor dispatches this level. A missing key gives default.</summary>
    public Task<TValue?> LoadAsync(TKey key) => throw new NotImplementedException();
}

public sealed partial class DataLoaderContext
{
    /// <summary>The loader registered under this name for the request, created on first use.</summary>
    public DataLoader<TKey, TValue> GetOrAdd<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch)
        where TKey : notnull => throw new NotImplementedException();
}
