namespace StructuredStream.Logs;

/// <summary>
/// A shared log refused an append because this writer no longer owns the stream: its lease ran out (a pause, a lost
/// connection) and another instance may have ended the stream. The writer must stop; nothing it appended is lost.
/// </summary>
public sealed class StreamOwnershipLostException : Exception
{
    /// <summary>Creates the exception for <paramref name="streamId"/>.</summary>
    public StreamOwnershipLostException(string streamId, string? currentOwner)
        : base(currentOwner is null
            ? $"This instance no longer owns the stream '{streamId}': its lease ran out."
            : $"This instance no longer owns the stream '{streamId}': instance '{currentOwner}' holds it now.")
    {
        StreamId = streamId;
    }

    /// <summary>Creates the exception.</summary>
    public StreamOwnershipLostException()
    {
        StreamId = "";
    }

    /// <summary>Creates the exception.</summary>
    public StreamOwnershipLostException(string message, Exception innerException)
        : base(message, innerException)
    {
        StreamId = "";
    }

    /// <summary>The stream's id.</summary>
    public string StreamId { get; }
}
