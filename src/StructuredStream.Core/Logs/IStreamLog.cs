using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// Append-only, numbered events of streams. One writer (the stream's generation) appends; any number of readers
/// read from a cursor, first what they missed, then live events, until <c>final</c>.
/// </summary>
public interface IStreamLog
{
    /// <summary>Registers a new stream.</summary>
    /// <exception cref="StreamLogFullException">The log holds as many streams as it may and none can be dropped.</exception>
    ValueTask CreateAsync(StreamDescriptor stream, CancellationToken cancellationToken = default);

    /// <summary>Appends events, numbering them after the last one; returns the seq of the last appended event.</summary>
    /// <exception cref="StreamNotFoundException">No such stream (never created, or expired).</exception>
    /// <exception cref="InvalidOperationException">The stream already ended with <c>final</c>.</exception>
    ValueTask<long> AppendAsync(string streamId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until events after <paramref name="after"/> exist, then returns them (at most <paramref name="max"/>).
    /// Returns an empty list once the stream has ended and nothing is left after the cursor.
    /// </summary>
    /// <exception cref="StreamNotFoundException">No such stream.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The cursor is past the last event.</exception>
    ValueTask<IReadOnlyList<SequencedEvent>> ReadAsync(string streamId, long after, int max, CancellationToken cancellationToken = default);

    /// <summary>The stream's descriptor and progress, or null when it does not exist.</summary>
    ValueTask<StreamSnapshot?> GetAsync(string streamId, CancellationToken cancellationToken = default);
}
