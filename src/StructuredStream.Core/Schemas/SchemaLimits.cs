namespace StructuredStream.Schemas;

/// <summary>
/// What a schema may cost the server. The defaults start from OpenAI's published structured-output limits (5,000
/// object properties, 1,000 enum values) and are documented in docs/schemas.md.
/// </summary>
public sealed record SchemaLimits
{
    /// <summary>The defaults.</summary>
    public static SchemaLimits Default { get; } = new();

    /// <summary>The longest schema text, in UTF-16 code units. Default 512 KiB.</summary>
    public int MaxLength { get; init; } = 512 * 1024;

    /// <summary>The deepest nesting of JSON arrays and objects in the schema text. Default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The most entries of <c>properties</c>, over the whole schema. Default 5,000.</summary>
    public int MaxProperties { get; init; } = 5_000;

    /// <summary>The most values of one <c>enum</c>. Default 1,000.</summary>
    public int MaxEnumValues { get; init; } = 1_000;

    /// <summary>The longest <c>pattern</c> or <c>patternProperties</c> expression. Default 1,000.</summary>
    public int MaxPatternLength { get; init; } = 1_000;

    /// <summary>How long one regular expression match may run before the stream fails. Default 100 ms.</summary>
    public TimeSpan PatternMatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLength, 2, nameof(MaxLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDepth, 1, nameof(MaxDepth));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxProperties, nameof(MaxProperties));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxEnumValues, nameof(MaxEnumValues));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxPatternLength, nameof(MaxPatternLength));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PatternMatchTimeout, TimeSpan.Zero, nameof(PatternMatchTimeout));
    }
}
