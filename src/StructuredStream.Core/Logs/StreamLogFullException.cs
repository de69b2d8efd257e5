namespace StructuredStream.Logs;

/// <summary>The log holds its maximum number of streams and every one of them is still running.</summary>
public sealed class StreamLogFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamLogFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StreamLogFullException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StreamLogFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
