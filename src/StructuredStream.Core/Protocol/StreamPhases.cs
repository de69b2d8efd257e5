namespace StructuredStream.Protocol;

/// <summary>The phases a <c>status</c> event names.</summary>
public static class StreamPhases
{
    /// <summary>Waiting for a free generation slot.</summary>
    public const string Queued = "queued";

    /// <summary>The model is writing.</summary>
    public const string Generating = "generating";

    /// <summary>A tool runs.</summary>
    public const string Tool = "tool";

    /// <summary>A retrieval tool runs.</summary>
    public const string Retrieval = "retrieval";

    /// <summary>The model is asked again.</summary>
    public const string Retrying = "retrying";

    /// <summary>No token for a while; the idle time-out may follow.</summary>
    public const string Stalled = "stalled";
}
