namespace StructuredStream.Logs;

/// <summary>A stream's descriptor and how far it has got.</summary>
/// <param name="Stream">What the stream is.</param>
/// <param name="LastSeq">The seq of its last event (0 before the first).</param>
/// <param name="IsFinished">Whether its <c>final</c> event has been appended.</param>
public sealed record StreamSnapshot(StreamDescriptor Stream, long LastSeq, bool IsFinished);
