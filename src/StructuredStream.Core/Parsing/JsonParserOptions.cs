namespace StructuredStream.Parsing;

/// <summary>Options of an <see cref="IncrementalJsonParser"/>.</summary>
public sealed record JsonParserOptions
{
    /// <summary>The default options: tolerant, depth 64.</summary>
    public static JsonParserOptions Default { get; } = new();

    /// <summary>
    /// When <see langword="true"/> (the default), the parser repairs what models commonly get wrong and names each
    /// repair; when <see langword="false"/>, it accepts only RFC 8259 JSON and rejects everything else.
    /// </summary>
    public bool Tolerant { get; init; } = true;

    /// <summary>The deepest nesting of arrays and objects accepted. Default 64 (as System.Text.Json); at most 1000.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The longest member name or number accepted, in UTF-16 code units. Default 65,536.</summary>
    public int MaxTokenLength { get; init; } = 64 * 1024;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (MaxDepth is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDepth), MaxDepth, "MaxDepth must be between 1 and 1000.");
        }

        if (MaxTokenLength < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokenLength), MaxTokenLength, "MaxTokenLength must be at least 16.");
        }
    }
}
