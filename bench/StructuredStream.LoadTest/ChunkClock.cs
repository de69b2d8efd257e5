using System.Collections.Concurrent;

namespace StructuredStream.LoadTest;

/// <summary>
/// When each stream's model produced its latest chunk, and so when the content of each of its patch events was
/// produced (one <see cref="System.Diagnostics.Stopwatch"/> clock: the service and the readers share this process).
/// </summary>
internal sealed class ChunkClock
{
    private readonly ConcurrentDictionary<string, long> _latestChunk = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Stream, long Seq), long> _producedAt = new();

    public void ChunkProduced(string streamId, long timestamp) => _latestChunk[streamId] = timestamp;

    /// <summary>The generation appends an update's events before it asks for the next update: they come from the latest chunk.</summary>
    public void EventAppended(string streamId, long seq)
    {
        if (_latestChunk.TryGetValue(streamId, out var at))
        {
            _producedAt[(streamId, seq)] = at;
        }
    }

    public bool TryGetProducedAt(string streamId, long seq, out long timestamp) => _producedAt.TryGetValue((streamId, seq), out timestamp);
}
