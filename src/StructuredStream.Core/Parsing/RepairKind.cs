namespace StructuredStream.Parsing;

/// <summary>A repair the tolerant parser made to the model's text; the wire name is in snake_case.</summary>
public enum RepairKind : byte
{
    /// <summary><c>byte_order_mark</c>: a U+FEFF before the value was skipped.</summary>
    ByteOrderMark,
    /// <summary><c>leading_text</c>: prose before the value was skipped.</summary>
    LeadingText,
    /// <summary><c>code_fence</c>: a markdown code fence around the value was skipped.</summary>
    CodeFence,
    /// <summary><c>trailing_text</c>: text after the value was ignored.</summary>
    TrailingText,
    /// <summary><c>trailing_comma</c>: a comma before <c>]</c> or <c>}</c> was ignored.</summary>
    TrailingComma,
    /// <summary><c>comment</c>: a <c>//</c> or <c>/* */</c> comment was skipped.</summary>
    Comment,
    /// <summary><c>control_character</c>: a raw control character (a newline, a tab) inside a string was kept as is.</summary>
    ControlCharacter,
    /// <summary><c>invalid_escape</c>: an unknown escape such as <c>\'</c> was read as the character itself.</summary>
    InvalidEscape,
    /// <summary><c>invalid_unicode</c>: a lone surrogate was replaced with U+FFFD.</summary>
    InvalidUnicode,
    /// <summary><c>invalid_utf8</c>: bytes that are not UTF-8 were replaced with U+FFFD.</summary>
    InvalidUtf8,
    /// <summary><c>duplicate_key</c>: a member name was repeated; the last value wins.</summary>
    DuplicateKey,
    /// <summary><c>truncated</c>: the input ended early; open strings and containers were closed, an unfinished name, number or literal dropped.</summary>
    Truncated,
}
