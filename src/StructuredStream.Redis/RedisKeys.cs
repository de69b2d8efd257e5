using StackExchange.Redis;

namespace StructuredStream.Redis;

/// <summary>
/// The names of a stream's keys. The stream id is a hash tag (<c>{id}</c>), so in Redis Cluster all keys of one stream
/// share a slot and one script can touch them together.
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    /// <summary>Hash: <c>d</c> the descriptor, <c>last</c> the last seq, <c>ended</c>, <c>folded</c> the last folded seq.</summary>
    public RedisKey Meta(string id) => $"{prefix}{{{id}}}:meta";

    /// <summary>Redis Stream of the events after the folded ones, entry id <c>seq-0</c>.</summary>
    public RedisKey Events(string id) => $"{prefix}{{{id}}}:events";

    /// <summary>String: the folded history, one slot per line.</summary>
    public RedisKey Folded(string id) => $"{prefix}{{{id}}}:folded";

    /// <summary>String: the instance that owns the stream's generation, with an expiry.</summary>
    public RedisKey Lease(string id) => $"{prefix}{{{id}}}:lease";

    /// <summary>Channel: the last seq, published after each append.</summary>
    public RedisChannel Appended(string id) => RedisChannel.Literal($"{prefix}{{{id}}}:appended");

    /// <summary>Channel: signals for the streams an instance owns.</summary>
    public RedisChannel Instance(string instanceId) => RedisChannel.Literal($"{prefix}instance:{instanceId}");
}
