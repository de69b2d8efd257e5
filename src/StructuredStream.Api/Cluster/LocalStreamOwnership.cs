using StructuredStream.Api.Streams;

namespace StructuredStream.Api.Cluster;

/// <summary>One process owns every stream: readers and Stops reach the generation through the hub.</summary>
public sealed class LocalStreamOwnership(StreamHub hub) : IStreamOwnership
{
    /// <inheritdoc />
    public TimeSpan OwnerCheckInterval => Timeout.InfiniteTimeSpan;

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> AttachReaderAsync(string streamId) => ValueTask.FromResult(Attach(hub, streamId));

    /// <inheritdoc />
    public ValueTask<bool> RequestCancelAsync(string streamId, CancelReason reason)
    {
        if (!hub.TryGet(streamId, out var generation))
        {
            return ValueTask.FromResult(false);
        }

        generation.Cancel(reason);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAdoptOrphanAsync(string streamId) => ValueTask.FromResult(false);

    /// <summary>Counts a reader of a generation running in this process (none: nothing to count).</summary>
    internal static IAsyncDisposable Attach(StreamHub hub, string streamId)
    {
        if (!hub.TryGet(streamId, out var generation))
        {
            return NoReader.Instance;
        }

        generation.ReaderAttached();
        return new LocalReader(generation);
    }

    private sealed class LocalReader(Generation generation) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                generation.ReaderDetached();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class NoReader : IAsyncDisposable
    {
        public static readonly NoReader Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
