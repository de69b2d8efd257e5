namespace StructuredStream.Api.Tests.Support;

/// <summary>One quick retry, and a breaker that no test here can trip.</summary>
public sealed class OpenAiWithRetryHost : FakeProviderServiceHost
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["StructuredStream:Model:Retry:MaxRetries"] = "1",
        ["StructuredStream:Model:Retry:BaseDelay"] = "00:00:00.050",
        ["StructuredStream:Model:CircuitBreaker:MinimumThroughput"] = "1000",
    };
}
