namespace StructuredStream.Client;

/// <summary>How the client resumes a stream whose connection dropped: exponential back-off with full jitter.</summary>
public sealed record ReconnectOptions
{
    /// <summary>The first back-off's upper bound. Default 250 ms.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The largest back-off. Default 5 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts in a row without an event before the client gives up. Default 10; 0 never resumes.</summary>
    public int MaxAttempts { get; init; } = 10;
}
