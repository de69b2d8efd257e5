using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// One slot of a <see cref="StreamHistory"/>'s folded part: an event as it was appended (<paramref name="FirstSeq"/>
/// equals its seq), or the merged patch of a run of patches from <paramref name="FirstSeq"/> to its seq.
/// </summary>
/// <param name="FirstSeq">The first seq the slot covers.</param>
/// <param name="Event">The event, with the last seq the slot covers.</param>
public readonly record struct FoldedEvent(long FirstSeq, SequencedEvent Event);
