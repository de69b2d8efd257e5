using Microsoft.Extensions.AI;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Api.Streams;

/// <summary>
/// <c>Streams:CoalesceWithin</c> for one generation: holds its chunks' patches and completes (<see cref="EventCoalescer"/>)
/// until the window from the first held chunk ends, then gives them back merged, also while the model pauses, so nothing
/// waits longer than the window. Used by the generation's own flow only, never by its timers.
/// </summary>
internal sealed class CoalescingWindow(TimeSpan window, TimeProvider time)
{
    private readonly EventCoalescer _held = new();
    private long _since;

    /// <summary>
    /// Takes <paramref name="batch"/> to send later, when it holds only patches and completes and the window is still
    /// open; otherwise puts what is held before it and returns <see langword="false"/>: the batch is to be appended now.
    /// </summary>
    public bool Hold(List<StreamEvent> batch, bool finished)
    {
        if (window <= TimeSpan.Zero || finished)
        {
            _held.MoveTo(batch);
            return false;
        }

        var wasEmpty = _held.IsEmpty;
        if (!_held.TryTake(batch))
        {
            _held.MoveTo(batch);
            return false;
        }

        if (wasEmpty)
        {
            _since = time.GetTimestamp();
        }

        if (!_held.IsEmpty && time.GetElapsedTime(_since) >= window)
        {
            _held.MoveTo(batch);
            return false;
        }

        return true;
    }

    /// <summary>Puts what is held before the events of <paramref name="batch"/> (the stream is ending, or retrying).</summary>
    public void Release(List<StreamEvent> batch) => _held.MoveTo(batch);

    /// <summary>
    /// The model's next update; when events are held and it is not there yet, they go to <paramref name="append"/> (through
    /// <paramref name="batch"/>) once the window ends.
    /// </summary>
    public async ValueTask<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> updates, List<StreamEvent> batch, Func<List<StreamEvent>, Task> append)
    {
        var next = updates.MoveNextAsync();
        if (next.IsCompleted || _held.IsEmpty)
        {
            return await next.ConfigureAwait(false);
        }

        var left = window - time.GetElapsedTime(_since);
        var moved = next.AsTask();
        if (left > TimeSpan.Zero)
        {
            using var windowEnd = new CancellationTokenSource();
            var delay = Task.Delay(left, time, windowEnd.Token);
            if (await Task.WhenAny(moved, delay).ConfigureAwait(false) == moved)
            {
                await windowEnd.CancelAsync().ConfigureAwait(false);
                return await moved.ConfigureAwait(false);
            }
        }

        _held.MoveTo(batch);
        await append(batch).ConfigureAwait(false);
        return await moved.ConfigureAwait(false);
    }
}
