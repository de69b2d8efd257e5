namespace StructuredStream.Logs;

/// <summary>Retention of the <see cref="InMemoryStreamLog"/>.</summary>
public sealed record InMemoryStreamLogOptions
{
    /// <summary>How long a stream stays readable after its <c>final</c> event. Default 10 minutes.</summary>
    public TimeSpan RetainFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many streams are kept at most; the oldest ended ones make room first. Default 10,000.</summary>
    public int MaxStreams { get; init; } = 10_000;

    /// <summary>
    /// How many of a running stream's latest events are kept as appended (up to twice as many between folds); older
    /// runs of patches are folded into one each. Default 64.
    /// </summary>
    public int RecentEvents { get; init; } = 64;
}
