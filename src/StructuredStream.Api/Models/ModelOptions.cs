using StructuredStream.Api.Models.Simulated;

namespace StructuredStream.Api.Models;

/// <summary>Which model writes the answers (configuration <c>StructuredStream:Model</c>).</summary>
public sealed record ModelOptions
{
    /// <summary><c>simulated</c> (default: no key, no network), <c>openai</c> (any OpenAI-compatible endpoint) or <c>ollama</c>.</summary>
    public string Provider { get; init; } = "simulated";

    /// <summary>The model's name at the provider, such as <c>gpt-4o-mini</c>.</summary>
    public string Name { get; init; } = "simulated";

    /// <summary>The provider's base URL (<c>openai</c>: e.g. <c>https://api.openai.com/v1</c>; <c>ollama</c>: <c>http://localhost:11434</c>).</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>The API key (<c>openai</c>). Prefer an environment variable or a secret store to a file.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The simulated model's speed.</summary>
    public SimulatedModelOptions Simulated { get; init; } = new();

    /// <summary>Time limits of a model call.</summary>
    public ModelTimeouts Timeouts { get; init; } = new();

    /// <summary>Retries before the first token.</summary>
    public ModelRetry Retry { get; init; } = new();

    /// <summary>When to stop calling a failing provider for a while.</summary>
    public ModelCircuitBreaker CircuitBreaker { get; init; } = new();
}
