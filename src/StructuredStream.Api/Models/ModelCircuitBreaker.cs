namespace StructuredStream.Api.Models;

/// <summary>A circuit breaker per provider: after too many failures, calls fail fast for <see cref="BreakDuration"/>.</summary>
public sealed record ModelCircuitBreaker
{
    /// <summary>The failure ratio that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Calls needed in the sampling window before the ratio counts. Default 10.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>The window failures are counted in. Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}
