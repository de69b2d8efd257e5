namespace StructuredStream.Api.Tests.Support;

/// <summary>No retries, and a breaker that opens after two failures and stays open for the test's length.</summary>
public sealed class OpenAiWithBreakerHost : FakeProviderServiceHost
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["StructuredStream:Model:Retry:MaxRetries"] = "0",
        ["StructuredStream:Model:CircuitBreaker:MinimumThroughput"] = "2",
        ["StructuredStream:Model:CircuitBreaker:FailureRatio"] = "0.5",
        ["StructuredStream:Model:CircuitBreaker:BreakDuration"] = "00:05:00",
    };
}
