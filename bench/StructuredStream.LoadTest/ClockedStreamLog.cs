using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.LoadTest;

/// <summary>The service's log, noting for each patch event the chunk it came from.</summary>
internal sealed class ClockedStreamLog(IStreamLog inner, ChunkClock clock) : IStreamLog
{
    public ValueTask CreateAsync(StreamDescriptor stream, CancellationToken cancellationToken = default) => inner.CreateAsync(stream, cancellationToken);

    public async ValueTask<long> AppendAsync(string streamId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken = default)
    {
        // Noted before the append so that no reader can see an event before its time is known.
        var last = (await inner.GetAsync(streamId, cancellationToken).ConfigureAwait(false))?.LastSeq ?? 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is PatchEvent)
            {
                clock.EventAppended(streamId, last + 1 + i);
            }
        }

        return await inner.AppendAsync(streamId, events, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<SequencedEvent>> ReadAsync(string streamId, long after, int max, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(streamId, after, max, cancellationToken);

    public ValueTask<StreamSnapshot?> GetAsync(string streamId, CancellationToken cancellationToken = default) => inner.GetAsync(streamId, cancellationToken);
}
