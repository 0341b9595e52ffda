using Microsoft.Extensions.Caching.Memory;

namespace Goals.GraphQL.Execution;

/// <summary>
/// Prepared documents keyed by the query text, bounded by their estimated size in bytes (the platform's size-limited
/// <see cref="MemoryCache"/>: an insert that would pass the bound is dropped and the least recently used entries are
/// compacted away). A hit is a dictionary read and a timestamp write: no allocation.
/// </summary>
internal sealed class DocumentCache(long maxBytes) : IDisposable
{
    /// <summary>The cache entry, its key reference and the dictionary slot.</summary>
    private const long EntryOverheadBytes = 256;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = maxBytes, TrackStatistics = true });

    public int Count => _cache.Count;

    /// <summary>The sum of the cached entries' estimates; never above the bound.</summary>
    public long EstimatedBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public bool TryGet(string key, out PreparedDocument document)
    {
        if (_cache.TryGetValue(key, out var value) && value is PreparedDocument cached)
        {
            document = cached;
            return true;
        }

        document = null!;
        return false;
    }

    /// <param name="preparedBytes">What preparing the document allocated (its syntax tree and validation).</param>
    public void Add(string key, PreparedDocument document, long preparedBytes)
    {
        using var entry = _cache.CreateEntry(key);
        entry.Value = document;
        entry.Size = EstimateBytes(key, preparedBytes);
    }

    /// <summary>The text (UTF-16) is kept as the key; the plan built at execution is bounded by the syntax tree it indexes.</summary>
    internal static long EstimateBytes(string key, long preparedBytes) => EntryOverheadBytes + 2L * key.Length + preparedBytes;

    public void Dispose() => _cache.Dispose();
}
