namespace StructuredStream.Api.Schemas;

/// <summary>A tenant holds as many named schemas as it may: a new name is refused (replacing one is not).</summary>
public sealed class TooManySchemasException : Exception
{
    /// <summary>Creates the exception for a tenant that holds <paramref name="limit"/> schemas.</summary>
    public TooManySchemasException(int limit)
        : base($"This tenant holds {limit} named schemas, as many as it may: store the schema under one of their names (PUT replaces it), or use it inline.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TooManySchemasException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TooManySchemasException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TooManySchemasException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
