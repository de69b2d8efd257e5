using System.Security.Cryptography;

namespace StructuredStream.Redis;

/// <summary>How the <see cref="RedisStreamLog"/> names its keys, holds leases and keeps streams.</summary>
public sealed record RedisStreamLogOptions
{
    /// <summary>Prefix of every key and channel. Default <c>structuredstream:</c>.</summary>
    public string KeyPrefix { get; init; } = "structuredstream:";

    /// <summary>This instance's name in leases and signals. Default: random per process.</summary>
    public string InstanceId { get; init; } = "i_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// How long a lease lasts unless renewed (every third of it). When an owner dies, its streams are taken over
    /// this long after its last renewal. Default 10 s.
    /// </summary>
    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an ended stream stays readable. Default 10 min.</summary>
    public TimeSpan RetainFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the keys of a stream that never ends (every instance gone) are kept. Default 24 h.</summary>
    public TimeSpan RunningRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How many latest events the owner keeps unfolded in memory (see <c>StreamHistory</c>). Default 64.</summary>
    public int RecentEvents { get; init; } = 64;

    /// <summary>
    /// How many events the Redis Stream of one stream holds before the owner writes the folded history and trims the
    /// stream to the events after it. Default 1,024.
    /// </summary>
    public int FoldAfter { get; init; } = 1024;

    /// <summary>A waiting reader looks again after this long even without a wake-up (pub/sub may drop one). Default 1 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
