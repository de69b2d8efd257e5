namespace StructuredStream.Api.Hosting;

/// <summary>The Redis log (configuration <c>StructuredStream:Log:Redis</c>).</summary>
public sealed record RedisLogOptions
{
    /// <summary>A StackExchange.Redis configuration string. Default <c>localhost:6379</c>.</summary>
    public string Configuration { get; init; } = "localhost:6379";

    /// <summary>Prefix of every key and channel; instances that share streams share it. Default <c>structuredstream:</c>.</summary>
    public string KeyPrefix { get; init; } = "structuredstream:";

    /// <summary>This instance's name in leases and signals; unique per instance. Default: random per process.</summary>
    public string? InstanceId { get; init; }

    /// <summary>How long an owner's lease lasts unless renewed: a dead owner's streams end this long after it died. Default 10 s.</summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Events a stream's Redis Stream holds before the owner folds the older ones. Default 1,024.</summary>
    public int FoldAfter { get; init; } = 1024;
}
