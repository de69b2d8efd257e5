namespace StructuredStream.Parsing;

/// <summary>One token read by <see cref="IncrementalJsonParser.Read"/>; its text is valid until the next call.</summary>
public readonly ref struct JsonToken
{
    /// <summary>Creates a token.</summary>
    public JsonToken(JsonTokenKind kind, ReadOnlySpan<char> text = default)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>What the token stands for.</summary>
    public JsonTokenKind Kind { get; }

    /// <summary>The decoded name, the string segment, or the number's exact text; empty otherwise.</summary>
    public ReadOnlySpan<char> Text { get; }
}
