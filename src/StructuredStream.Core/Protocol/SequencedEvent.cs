namespace StructuredStream.Protocol;

/// <summary>An event with its position in the stream (1, 2, 3 … per stream).</summary>
public readonly record struct SequencedEvent(long Seq, StreamEvent Event);
