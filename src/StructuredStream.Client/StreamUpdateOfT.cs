namespace StructuredStream.Client;

/// <summary>A <see cref="StreamUpdate"/> with the partial object read as <typeparamref name="T"/> where it deserializes.</summary>
/// <typeparam name="T">The type the schema describes.</typeparam>
public sealed class StreamUpdate<T> : StreamUpdate
{
    internal StreamUpdate(StreamUpdate update, T? value, bool hasValue)
        : base(update.Seq, update.Event, update.Object, update.Phase, update.Position, update.StreamId, update.Completed)
    {
        Value = value;
        HasValue = hasValue;
    }

    /// <summary>The partial object as <typeparamref name="T"/> (a snapshot, unlike <see cref="StreamUpdate.Object"/>).</summary>
    public T? Value { get; }

    /// <summary>Whether <see cref="Value"/> was read: false while the partial object does not fit <typeparamref name="T"/> yet.</summary>
    public bool HasValue { get; }
}
