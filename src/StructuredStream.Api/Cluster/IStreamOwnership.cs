using StructuredStream.Api.Streams;

namespace StructuredStream.Api.Cluster;

/// <summary>
/// Where streams' model calls run, and how a reader or a Stop reaches them: this process alone (in-memory log), or
/// whichever of several instances sharing Redis owns the stream.
/// </summary>
public interface IStreamOwnership
{
    /// <summary>How often a waiting reader checks that its stream's owner is still alive (infinite: never).</summary>
    TimeSpan OwnerCheckInterval { get; }

    /// <summary>Counts a reader of the stream, wherever its model call runs, until the result is disposed.</summary>
    ValueTask<IAsyncDisposable> AttachReaderAsync(string streamId);

    /// <summary>Asks the stream's owner to cancel its model call; false when no live owner exists.</summary>
    ValueTask<bool> RequestCancelAsync(string streamId, CancelReason reason);

    /// <summary>Takes over a running stream whose owner died; true when this instance must now end it.</summary>
    ValueTask<bool> TryAdoptOrphanAsync(string streamId);
}
