namespace StructuredStream.Api.Hosting;

/// <summary>Where stream events are kept (configuration <c>StructuredStream:Log</c>).</summary>
public sealed record LogOptions
{
    /// <summary><c>memory</c> (default: this process alone) or <c>redis</c> (several instances share Redis).</summary>
    public string Kind { get; init; } = "memory";

    /// <summary>The Redis log, when <see cref="Kind"/> is <c>redis</c>.</summary>
    public RedisLogOptions Redis { get; init; } = new();
}
