using System.Runtime.CompilerServices;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Streams;

/// <summary>
/// What one HTTP reader receives: the log from a cursor, missed events merged (<see cref="CatchUpMerger"/>), a
/// <c>heartbeat</c> whenever the link has been idle, until <c>final</c>. The reader counts as attached meanwhile.
/// </summary>
public sealed class EventFeed(IStreamLog log, StreamHub hub, StreamOptions options, TimeProvider time)
{
    private const int BatchSize = 512;

    /// <summary>The events after <paramref name="after"/>.</summary>
    public async IAsyncEnumerable<SequencedEvent> ReadAsync(string streamId, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        hub.TryGet(streamId, out var generation);
        generation?.ReaderAttached();
        try
        {
            var cursor = after;
            while (true)
            {
                var read = log.ReadAsync(streamId, cursor, BatchSize, cancellationToken).AsTask();
                if (!read.IsCompleted)
                {
                    // The delay is cancelled as soon as events come, so a busy stream leaves no timers behind.
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    while (await Task.WhenAny(read, Task.Delay(options.Heartbeat, time, idle.Token)).ConfigureAwait(false) != read)
                    {
                        yield return new SequencedEvent(cursor, HeartbeatEvent.Instance);
                    }

                    await idle.CancelAsync().ConfigureAwait(false);
                }

                var batch = await read.ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    yield break;
                }

                foreach (var item in CatchUpMerger.Merge(batch))
                {
                    yield return item;
                }

                cursor = batch[^1].Seq;
                if (batch[^1].Event is FinalEvent)
                {
                    yield break;
                }
            }
        }
        finally
        {
            generation?.ReaderDetached();
        }
    }
}
