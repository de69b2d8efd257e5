using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Schemas;
using StructuredStream.Validation;

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

    /// <summary>The schema the object must satisfy; none by default (any JSON is accepted).</summary>
    public CompiledSchema? Schema { get; init; }

    /// <summary>
    /// The most model text read, in UTF-16 code units: past it the stream ends with an <c>error</c>
    /// (<c>too_large</c>) and <c>final</c> keeping what came before, so a runaway answer cannot take the server's
    /// memory. Default 16,000,000.
    /// </summary>
    public long MaxInputLength { get; init; } = 16_000_000;

    /// <summary>What happens when the partial object can no longer satisfy <see cref="Schema"/>. Default <see cref="ViolationPolicy.Abort"/>.</summary>
    public ViolationPolicy ViolationPolicy { get; init; } = ViolationPolicy.Abort;
}
