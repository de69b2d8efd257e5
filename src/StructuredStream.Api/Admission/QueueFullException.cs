namespace StructuredStream.Api.Admission;

/// <summary>The client already has as many streams waiting as it may.</summary>
public sealed class QueueFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public QueueFullException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public QueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
