using System.Runtime.CompilerServices;
using StructuredStream.Api.Cluster;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Streams;

/// <summary>
/// What one HTTP reader receives: the log from a cursor, missed events merged (<see cref="CatchUpMerger"/>), a
/// <c>heartbeat</c> whenever the link has been idle, until <c>final</c>. The reader counts as attached meanwhile,
/// wherever the stream's model call runs; while it waits, it checks that the call's owner is alive, and ends the
/// stream with <c>owner_lost</c> when it is not. When the log cannot be read, it sends one <c>error</c>
/// (<c>log_unavailable</c>, not stored, with the cursor's seq) and ends the response: the reader resumes later.
/// </summary>
public sealed partial class EventFeed(
    IStreamLog log, IStreamOwnership ownership, AdoptedStreamEnder ender, StreamOptions options, TimeProvider time, ILogger<EventFeed> logger)
{
    private const int BatchSize = 512;

    /// <summary>The events after <paramref name="after"/>.</summary>
    public async IAsyncEnumerable<SequencedEvent> ReadAsync(string streamId, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await ownership.AttachReaderAsync(streamId).ConfigureAwait(false);
        var checksOwner = ownership.OwnerCheckInterval != Timeout.InfiniteTimeSpan;
        var tick = checksOwner && ownership.OwnerCheckInterval < options.Heartbeat ? ownership.OwnerCheckInterval : options.Heartbeat;
        var cursor = after;
        while (true)
        {
            var read = log.ReadAsync(streamId, cursor, BatchSize, cancellationToken).AsTask();
            if (!read.IsCompleted)
            {
                // The delay is cancelled as soon as events come, so a busy stream leaves no timers behind.
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var quietSince = time.GetTimestamp();
                while (await Task.WhenAny(read, Task.Delay(tick, time, idle.Token)).ConfigureAwait(false) != read)
                {
                    if (checksOwner && await AdoptIfOrphanedAsync(streamId).ConfigureAwait(false) is { } failure)
                    {
                        yield return Unavailable(cursor, failure);
                        yield break;
                    }

                    if (time.GetElapsedTime(quietSince) >= options.Heartbeat)
                    {
                        yield return new SequencedEvent(cursor, HeartbeatEvent.Instance);
                        quietSince = time.GetTimestamp();
                    }
                }

                await idle.CancelAsync().ConfigureAwait(false);
            }

            IReadOnlyList<SequencedEvent> batch;
            Exception? unreadable = null;
            try
            {
                batch = await read.ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException and not StreamNotFoundException and not ArgumentOutOfRangeException)
            {
                batch = [];
                unreadable = e;
            }

            if (unreadable is not null)
            {
                yield return Unavailable(cursor, unreadable);
                yield break;
            }

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

    /// <summary>Ends the stream if its owner died and this instance adopted it; the failure when the log is away.</summary>
    private async Task<Exception?> AdoptIfOrphanedAsync(string streamId)
    {
        try
        {
            if (await ownership.TryAdoptOrphanAsync(streamId).ConfigureAwait(false))
            {
                await ender.EndAsync(streamId, StreamOutcome.Failed, AdoptedStreamEnder.OwnerLost).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e;
        }
    }

    private SequencedEvent Unavailable(long cursor, Exception failure)
    {
        // The reader learns what to do; the failure's own words (server names, connection state) go to the log only.
        LogUnreadable(logger, failure, cursor);
        return new(cursor, new ErrorEvent("log_unavailable",
            $"The stream log cannot be read now; nothing is lost: resume after seq {cursor} later.", Retryable: true));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stream log could not be read after seq {Cursor}: the reader was told to resume later.")]
    private static partial void LogUnreadable(ILogger logger, Exception failure, long cursor);
}
