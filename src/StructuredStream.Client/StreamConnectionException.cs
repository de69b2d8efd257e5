namespace StructuredStream.Client;

/// <summary>The connection dropped and resuming did not succeed within <see cref="ReconnectOptions.MaxAttempts"/>.</summary>
public sealed class StreamConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public StreamConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public StreamConnectionException()
    {
    }
}
