using System.Collections.Concurrent;

namespace Goals.Api.Http;

/// <summary>
/// The automatic persisted queries registry: SHA-256 (lower-case hex) → query text, bounded in entries and in bytes
/// (text counted as UTF-16, 2 bytes a char), oldest registration evicted first. Only the text is kept: the engine's
/// document cache (<c>GraphQLExecutor.Prepare</c>, keyed by text) holds the parsed and validated document. An evicted
/// hash costs an APQ client one retry with the full text, so first-in-first-out is enough; lookups take no lock.
/// </summary>
public sealed class PersistedQueryRegistry(int maxEntries, long maxBytes)
{
    private readonly ConcurrentDictionary<string, string> _byHash = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();
    private long _bytes;

    public int Count => _byHash.Count;
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(string hash, out string query) => _byHash.TryGetValue(hash, out query!);

    /// <summary>Registers a hash already checked against its text; a text larger than the whole budget is not kept.</summary>
    public void Register(string hash, string query)
    {
        var size = SizeOf(query);
        if (size > maxBytes || maxEntries <= 0 || _byHash.ContainsKey(hash)) return;
        lock (_lock)
        {
            if (_byHash.ContainsKey(hash)) return;
            while (_order.Count > 0 && (_order.Count >= maxEntries || _bytes + size > maxBytes))
            {
                if (_byHash.TryRemove(_order.Dequeue(), out var evicted)) Interlocked.Add(ref _bytes, -SizeOf(evicted));
            }

            _byHash[hash] = query;
            _order.Enqueue(hash);
            Interlocked.Add(ref _bytes, size);
        }
    }

    private static long SizeOf(string query) => 2L * query.Length;
}
