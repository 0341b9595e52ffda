using System.Collections.Concurrent;

namespace Goals.GraphQL.Execution;

/// <summary>
/// Bounded, thread-safe cache of prepared documents keyed by the query text. Hits are lock-free (a dictionary read
/// plus setting a "recently used" bit); inserts take a lock and evict with the CLOCK (second chance) algorithm.
/// </summary>
internal sealed class DocumentCache(int capacity)
{
    private sealed class Entry(string key, PreparedDocument document)
    {
        public string Key { get; } = key;
        public PreparedDocument Document { get; } = document;
        public volatile bool Referenced;
    }

    private readonly ConcurrentDictionary<string, Entry> _map = new(StringComparer.Ordinal);
    private readonly Entry?[] _slots = new Entry?[capacity];
    private readonly object _lock = new();
    private int _hand;

    public int Count => _map.Count;

    public bool TryGet(string key, out PreparedDocument document)
    {
        if (_map.TryGetValue(key, out var entry))
        {
            if (!entry.Referenced) entry.Referenced = true;
            document = entry.Document;
            return true;
        }

        document = null!;
        return false;
    }

    public void Add(string key, PreparedDocument document)
    {
        lock (_lock)
        {
            if (_map.ContainsKey(key)) return;
            while (true)
            {
                var slot = _slots[_hand];
                if (slot is null) break;
                if (slot.Referenced)
                {
                    slot.Referenced = false;
                    _hand = (_hand + 1) % _slots.Length;
                    continue;
                }

                _map.TryRemove(slot.Key, out _);
                break;
            }

            var entry = new Entry(key, document);
            _slots[_hand] = entry;
            _map[key] = entry;
            _hand = (_hand + 1) % _slots.Length;
        }
    }
}
