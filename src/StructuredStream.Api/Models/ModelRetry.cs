namespace StructuredStream.Api.Models;

/// <summary>Retries of a model call that failed before its first token reached anyone (never after).</summary>
public sealed record ModelRetry
{
    /// <summary>Retries after the first attempt. Default 2.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The first back-off; it doubles with jitter. A 429's Retry-After wins. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}
