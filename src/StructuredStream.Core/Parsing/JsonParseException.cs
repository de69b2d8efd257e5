namespace StructuredStream.Parsing;

/// <summary>The one exception the parser throws for bad input; it carries the UTF-16 offset where reading stopped.</summary>
public sealed class JsonParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public JsonParseException(JsonParseErrorKind kind, string message, long offset)
        : base(message)
    {
        Kind = kind;
        Offset = offset;
    }

    /// <summary>Creates the exception with a default message (for serializers and tests).</summary>
    public JsonParseException()
        : this(JsonParseErrorKind.Syntax, "The input is not valid JSON.", 0)
    {
    }

    /// <summary>Creates the exception with a message (for serializers and tests).</summary>
    public JsonParseException(string message)
        : this(JsonParseErrorKind.Syntax, message, 0)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public JsonParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the input was rejected.</summary>
    public JsonParseErrorKind Kind { get; }

    /// <summary>The offset, in UTF-16 code units from the start of the input, where the problem was found.</summary>
    public long Offset { get; }
}
