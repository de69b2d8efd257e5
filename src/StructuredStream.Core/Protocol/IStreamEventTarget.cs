using StructuredStream.Patching;

namespace StructuredStream.Protocol;

/// <summary>
/// Takes a stream's events in order as <see cref="Streaming.EventStreamBuilder"/> makes them. Patch and complete events,
/// one or two per model chunk, arrive as views of the engine's buffers, so a target that writes them out at once (as
/// <see cref="NdjsonEventWriter"/> does) makes no object per event, as <see cref="System.Text.Json.Utf8JsonReader"/>
/// hands out tokens without making values.
/// </summary>
public interface IStreamEventTarget
{
    /// <summary>A <c>patch</c> event; the operations are valid only during the call.</summary>
    void AddPatch(ReadOnlySpan<PatchOperationView> operations);

    /// <summary>A <c>complete</c> event; the span is valid only during the call (the strings are immutable).</summary>
    void AddComplete(ReadOnlySpan<string> paths);

    /// <summary>Any other event: <c>error</c> or <c>final</c>.</summary>
    void Add(StreamEvent streamEvent);
}
