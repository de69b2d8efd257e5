namespace StructuredStream.Api.Tests.Support;

/// <summary>The service on the <c>ollama</c> provider (Ollama's native API), no retries.</summary>
public sealed class OllamaHost : FakeProviderServiceHost
{
    protected override string Provider => "ollama";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["StructuredStream:Model:Retry:MaxRetries"] = "0",
    };
}
