namespace StructuredStream.Redis;

/// <summary>A message to the instance that owns a stream.</summary>
/// <param name="Kind">What is asked or reported.</param>
/// <param name="StreamId">The stream.</param>
/// <param name="Detail">For a cancel, why (the canceller's reason).</param>
public readonly record struct StreamSignal(StreamSignalKind Kind, string StreamId, string? Detail = null);
