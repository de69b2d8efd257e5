using System.Text.Json.Serialization;
namespace StructuredStream.Api.Models.Simulated;

/// <summary>
/// Per-request behaviour of the simulated model, for demos and tests (the <c>simulation</c> member of a request).
/// Real providers ignore it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SimulationSettings
{
    /// <summary>What goes wrong, if anything. Default <see cref="SimulationScenario.None"/>.</summary>
    public SimulationScenario Scenario { get; init; }

    /// <summary>For <c>stall</c>, <c>error</c>: how many tokens are written first. Default 20.</summary>
    public int AfterTokens { get; init; } = 20;

    /// <summary>Overrides the configured speed, in tokens per second (0 writes as fast as possible).</summary>
    public double? TokensPerSecond { get; init; }

    /// <summary>Overrides the configured time to first token, in milliseconds.</summary>
    public int? FirstTokenMs { get; init; }
}
