using StackExchange.Redis;

namespace StructuredStream.Redis;

/// <summary>
/// Wakes this instance's waiting readers when another instance appends to a stream. The connection is multiplexed,
/// so reads cannot block in Redis (no <c>XREAD BLOCK</c>); readers wait on the stream's pub/sub channel instead.
/// A channel stays subscribed while idle readers may come back soon, and is dropped once idle for a while.
/// </summary>
internal sealed class AppendWakeups(ISubscriber subscriber, RedisKeys keys, TimeProvider time)
{
    private readonly Dictionary<string, Listener> _listeners = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// A task that completes at the next append published for the stream. The caller must check the log again after
    /// this returns (an append may have come before the subscription), and call <see cref="Release"/> when done.
    /// </summary>
    public async Task<Task> ListenAsync(string streamId)
    {
        Listener listener;
        lock (_lock)
        {
            if (!_listeners.TryGetValue(streamId, out listener!))
            {
                listener = new Listener();
                listener.Subscribed = subscriber.SubscribeAsync(keys.Appended(streamId), listener.Handler);
                _listeners[streamId] = listener;
            }

            listener.Users++;
        }

        try
        {
            await listener.Subscribed.ConfigureAwait(false);
        }
        catch
        {
            Release(streamId);
            lock (_lock)
            {
                // A failed subscription is not kept: the next reader subscribes again.
                if (_listeners.TryGetValue(streamId, out var current) && ReferenceEquals(current, listener) && listener.Users == 0)
                {
                    _listeners.Remove(streamId);
                }
            }

            throw;
        }

        return listener.Next;
    }

    /// <summary>Ends one <see cref="ListenAsync"/>.</summary>
    public void Release(string streamId)
    {
        lock (_lock)
        {
            if (_listeners.TryGetValue(streamId, out var listener) && --listener.Users == 0)
            {
                listener.IdleSince = time.GetUtcNow();
            }
        }
    }

    /// <summary>Unsubscribes the channels nobody has listened to for <paramref name="idleFor"/>.</summary>
    public async Task DropIdleAsync(TimeSpan idleFor)
    {
        List<(string Id, Listener Listener)> idle = [];
        lock (_lock)
        {
            var now = time.GetUtcNow();
            foreach (var (id, listener) in _listeners)
            {
                if (listener.Users == 0 && now - listener.IdleSince >= idleFor)
                {
                    idle.Add((id, listener));
                }
            }

            foreach (var (id, _) in idle)
            {
                _listeners.Remove(id);
            }
        }

        // Only this listener's handler: a new listener of the same stream may already have subscribed its own.
        foreach (var (id, listener) in idle)
        {
            await subscriber.UnsubscribeAsync(keys.Appended(id), listener.Handler).ConfigureAwait(false);
        }
    }

    private sealed class Listener
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Listener()
        {
            Handler = (_, _) => Wake();
        }

        public Action<RedisChannel, RedisValue> Handler { get; }

        public Task Subscribed { get; set; } = Task.CompletedTask;

        public int Users { get; set; }

        public DateTimeOffset IdleSince { get; set; }

        public Task Next
        {
            get
            {
                lock (_lock)
                {
                    return _next.Task;
                }
            }
        }

        public void Wake()
        {
            TaskCompletionSource woken;
            lock (_lock)
            {
                woken = _next;
                _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            woken.TrySetResult();
        }
    }
}
