using StructuredStream.Parsing;
using StructuredStream.Patching;

namespace StructuredStream.Streaming;

/// <summary>Options of an <see cref="EventStreamBuilder"/>.</summary>
public sealed record EventStreamOptions
{
    /// <summary>The defaults: tolerant parsing, <c>append</c> patches.</summary>
    public static EventStreamOptions Default { get; } = new();

    /// <summary>Parser options (tolerant or strict, limits).</summary>
    public JsonParserOptions Parser { get; init; } = JsonParserOptions.Default;

    /// <summary>How string growth is sent. Default <see cref="PatchMode.Append"/>.</summary>
    public PatchMode PatchMode { get; init; } = PatchMode.Append;
}
