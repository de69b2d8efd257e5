namespace StructuredStream.Patching;

/// <summary>A patch operation that is malformed or cannot be applied to the document.</summary>
public sealed class PatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatchException()
        : base("The patch cannot be applied.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
