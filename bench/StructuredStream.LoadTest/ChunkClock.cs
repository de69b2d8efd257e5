using System.Collections.Concurrent;

namespace StructuredStream.LoadTest;

/// <summary>
/// When each stream's model produced its latest chunk, and so when the content of each of its patch events was
/// produced (one <see cref="System.Diagnostics.Stopwatch"/> clock: the service and the readers share this process).
/// </summary>
internal sealed class ChunkClock
{
    private readonly ConcurrentDictionary<string, long> _latestChunk = new(StringComparer.Ordinal);

    // One growable array of timestamps per stream, indexed by seq: 8 bytes per event, so the clock adds little to
    // the service memory the run measures.
    private readonly ConcurrentDictionary<string, StreamTimes> _producedAt = new(StringComparer.Ordinal);

    public void ChunkProduced(string streamId, long timestamp) => _latestChunk[streamId] = timestamp;

    /// <summary>The generation appends an update's events before it asks for the next update: they come from the latest chunk.</summary>
    public void EventAppended(string streamId, long seq)
    {
        if (_latestChunk.TryGetValue(streamId, out var at))
        {
            _producedAt.GetOrAdd(streamId, static _ => new StreamTimes()).Set(seq, at);
        }
    }

    public bool TryGetProducedAt(string streamId, long seq, out long timestamp)
    {
        timestamp = 0;
        return _producedAt.TryGetValue(streamId, out var times) && times.TryGet(seq, out timestamp);
    }

    private sealed class StreamTimes
    {
        private readonly Lock _lock = new();
        private long[] _times = new long[64];

        public void Set(long seq, long timestamp)
        {
            lock (_lock)
            {
                if (seq >= _times.Length)
                {
                    Array.Resize(ref _times, (int)Math.Max(seq + 1, _times.Length * 2L));
                }

                _times[seq] = timestamp;
            }
        }

        public bool TryGet(long seq, out long timestamp)
        {
            lock (_lock)
            {
                timestamp = seq < _times.Length ? _times[seq] : 0;
                return timestamp != 0;
            }
        }
    }
}
