namespace StructuredStream.Parsing;

/// <summary>Why the parser rejected its input.</summary>
public enum JsonParseErrorKind : byte
{
    /// <summary>The text is not JSON (and the tolerant mode has no repair for it).</summary>
    Syntax,
    /// <summary>The input ended before the value did (strict mode).</summary>
    UnexpectedEnd,
    /// <summary>No JSON value was found in the input.</summary>
    NoValue,
    /// <summary>Nesting went past <see cref="JsonParserOptions.MaxDepth"/>.</summary>
    DepthLimit,
    /// <summary>A member name or number went past <see cref="JsonParserOptions.MaxTokenLength"/>.</summary>
    TokenTooLong,
    /// <summary>A lone surrogate (strict mode).</summary>
    InvalidUnicode,
    /// <summary>Bytes that are not UTF-8 (strict mode).</summary>
    InvalidUtf8,
}
