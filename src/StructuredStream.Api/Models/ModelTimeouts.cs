namespace StructuredStream.Api.Models;

/// <summary>Time limits of one model call. A limit that fires ends the stream <c>timed_out</c>, keeping what was sent.</summary>
public sealed record ModelTimeouts
{
    /// <summary>From the request to the first token. Default 30 s.</summary>
    public TimeSpan FirstToken { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No token for this long sends <c>status</c> <c>stalled</c>. Default 5 s.</summary>
    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No token for this long ends the stream. Default 20 s.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The whole call. Default 5 min.</summary>
    public TimeSpan Total { get; init; } = TimeSpan.FromMinutes(5);
}
