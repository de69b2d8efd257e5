namespace StructuredStream.Logs;

/// <summary>No stream has the id: it never existed or its retention time has passed.</summary>
public sealed class StreamNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="streamId"/>.</summary>
    public StreamNotFoundException(string streamId)
        : base($"There is no stream '{streamId}' (it never existed, or it ended and was dropped after its retention time).")
    {
        StreamId = streamId;
    }

    /// <summary>Creates the exception.</summary>
    public StreamNotFoundException()
    {
        StreamId = "";
    }

    /// <summary>Creates the exception.</summary>
    public StreamNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        StreamId = "";
    }

    /// <summary>The id that was asked for.</summary>
    public string StreamId { get; }
}
