using System.Collections.Concurrent;

namespace StructuredStream.Schemas;

/// <summary>
/// Compiled schemas by content hash, so a schema sent with every request is parsed and compiled once. Bounded: past
/// <see cref="Capacity"/> entries, the least recently used half is dropped. Refusals are not cached.
/// </summary>
public sealed class SchemaCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SchemaLoadOptions _options;
    private long _clock;

    /// <summary>Creates a cache that loads with <paramref name="options"/>.</summary>
    public SchemaCache(SchemaLoadOptions? options = null, int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _options = options ?? SchemaLoadOptions.Default;
        Capacity = capacity;
    }

    /// <summary>How many schemas are kept at most.</summary>
    public int Capacity { get; }

    /// <summary>The number of schemas held.</summary>
    public int Count => _entries.Count;

    /// <summary>The compiled schema for <paramref name="text"/>, loaded on first use.</summary>
    /// <exception cref="SchemaException">The schema is refused.</exception>
    public CompiledSchema GetOrLoad(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Hashing is far cheaper than compiling, and the hash is the schema's identity anyway.
        var hash = SchemaLoader.HashOf(text);
        if (_entries.TryGetValue(hash, out var found))
        {
            found.LastUsed = Interlocked.Increment(ref _clock);
            return found.Schema;
        }

        var schema = SchemaLoader.Load(text, _options);
        _entries[hash] = new Entry(schema) { LastUsed = Interlocked.Increment(ref _clock) };
        if (_entries.Count > Capacity)
        {
            Trim();
        }

        return schema;
    }

    private void Trim()
    {
        var byAge = _entries.ToArray();
        Array.Sort(byAge, static (a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
        for (var i = 0; i < byAge.Length - (Capacity / 2); i++)
        {
            _entries.TryRemove(byAge[i]);
        }
    }

    private sealed class Entry(CompiledSchema schema)
    {
        public CompiledSchema Schema { get; } = schema;

        public long LastUsed { get; set; }
    }
}
