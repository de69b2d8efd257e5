namespace StructuredStream.Api.Tests.Support;

/// <summary>The openai provider against the fake upstream, with a small cap on the answer's length.</summary>
public sealed class HostileUpstreamHost : FakeProviderServiceHost
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["StructuredStream:Streams:MaxAnswerCharacters"] = "100000",
    };
}
