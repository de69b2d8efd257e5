namespace StructuredStream.Api.Streams;

/// <summary>Why a generation was cancelled.</summary>
public enum CancelReason
{
    /// <summary>Not cancelled.</summary>
    None,

    /// <summary><c>DELETE /v1/streams/{id}</c>.</summary>
    Requested,

    /// <summary>No reader came back within the grace period.</summary>
    NoReaders,

    /// <summary>The service is shutting down.</summary>
    Shutdown,
}
