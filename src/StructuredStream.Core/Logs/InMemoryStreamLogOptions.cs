namespace StructuredStream.Logs;

/// <summary>Retention of the <see cref="InMemoryStreamLog"/>.</summary>
public sealed record InMemoryStreamLogOptions
{
    /// <summary>How long a stream stays readable after its <c>final</c> event. Default 10 minutes.</summary>
    public TimeSpan RetainFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many streams are kept at most; the oldest ended ones make room first. Default 10,000.</summary>
    public int MaxStreams { get; init; } = 10_000;
}
