namespace StructuredStream.Api.Models.Simulated;

/// <summary>Speed of the simulated model (configuration <c>StructuredStream:Model:Simulated</c>).</summary>
public sealed record SimulatedModelOptions
{
    /// <summary>Tokens written per second; 0 writes as fast as possible. Default 40.</summary>
    public double TokensPerSecond { get; init; } = 40;

    /// <summary>Time before the first token, in milliseconds. Default 300.</summary>
    public int FirstTokenMs { get; init; } = 300;
}
