namespace StructuredStream.Api.Streams;

/// <summary>Streams and their readers (configuration <c>StructuredStream:Streams</c>).</summary>
public sealed record StreamOptions
{
    /// <summary>How long a generation goes on with no reader before it is cancelled. Default 5 s.</summary>
    public TimeSpan ReaderGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A <c>heartbeat</c> is sent after this long without an event. Default 15 s.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an ended stream stays readable. Default 10 min.</summary>
    public TimeSpan RetainFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many streams the in-memory log keeps. Default 10,000.</summary>
    public int MaxStreams { get; init; } = 10_000;

    /// <summary>
    /// The most model text one stream reads, in characters; past it the stream ends with <c>error</c>
    /// <c>too_large</c>, keeping what came before. Default 16,000,000.
    /// </summary>
    public long MaxAnswerCharacters { get; init; } = 16_000_000;

    /// <summary>
    /// With <c>onViolation</c> <c>retry</c>: how many times the model is asked again, from the last valid value, after
    /// its answer breaks the schema, before the stream ends <c>invalid</c>. Default 2.
    /// </summary>
    public int ViolationRetries { get; init; } = 2;

    /// <summary>
    /// How long a model chunk's patches and completes may wait to be sent merged with the chunks after it, as one
    /// <c>patch</c> and one <c>complete</c> (docs/protocol.md, "Coalescing"): fewer, larger events for at most this much
    /// latency. Zero (the default) sends each chunk's events as soon as they are made.
    /// </summary>
    public TimeSpan CoalesceWithin { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Whether responses are gzip-compressed for clients that send <c>Accept-Encoding: gzip</c> (browsers and most HTTP
    /// clients do), event streams included, each batch flushed as written. Default true. Turn it off when answers may
    /// carry secrets next to text an attacker can choose (the BREACH attack on compressed HTTPS responses).
    /// </summary>
    public bool Compress { get; init; } = true;

    /// <summary>How many of a stream's latest events the log keeps unmerged (see docs/protocol.md, "Catching up"). Default 64.</summary>
    public int RecentEvents { get; init; } = 64;
}
