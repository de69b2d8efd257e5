namespace StructuredStream.Client;

/// <summary>
/// The object rebuilt from the stream's patches is not the <c>final</c> event's object, or that object's canonical
/// SHA-256 is not the checksum sent with it: what the client shows cannot be trusted.
/// </summary>
public sealed class ChecksumMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChecksumMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ChecksumMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public ChecksumMismatchException()
    {
    }
}
