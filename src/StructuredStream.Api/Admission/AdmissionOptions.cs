namespace StructuredStream.Api.Admission;

/// <summary>
/// How many generations run and wait (configuration <c>StructuredStream:Admission</c>). With the Redis log the caps
/// hold across all instances; each instance keeps its own line.
/// </summary>
public sealed record AdmissionOptions
{
    /// <summary>Generations one client (API key, or address when there is none) may run at once. Default 4.</summary>
    public int ActivePerClient { get; init; } = 4;

    /// <summary>Streams one client may have waiting; one more is refused with 429. Default 16.</summary>
    public int QueuePerClient { get; init; } = 16;

    /// <summary>Model calls running at once, all clients together (all instances, with the Redis log). Default 256.</summary>
    public int ActiveModelCalls { get; init; } = 256;

    /// <summary>The Retry-After of a 429 for a full queue. Default 5 s.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);
}
