namespace StructuredStream.Redis;

/// <summary>
/// The log's writes, each one Lua script so that the lease check and the write are atomic: an instance whose lease
/// ran out can never append after another instance has taken the stream over.
/// </summary>
internal static class RedisScripts
{
    /// <summary>KEYS meta, lease; ARGV descriptor, owner, lease ms, retention ms.</summary>
    public const string Create = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS') end
        redis.call('HSET', KEYS[1], 'd', ARGV[1], 'last', 0, 'ended', 0, 'folded', 0)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS meta, events, folded, lease; ARGV owner, first seq, ends (1 when the last event is final), retention ms
    /// while running, retention ms once ended, channel, stream cap, events. Returns the last seq.
    /// </summary>
    public const string Append = """
        local owner = redis.call('GET', KEYS[4])
        if owner ~= ARGV[1] then return redis.error_reply('NOTOWNER ' .. (owner or '')) end
        local meta = redis.call('HMGET', KEYS[1], 'last', 'ended')
        if not meta[1] then return redis.error_reply('NOTFOUND') end
        if meta[2] == '1' then return redis.error_reply('ENDED') end
        local last = tonumber(meta[1])
        if last + 1 ~= tonumber(ARGV[2]) then return redis.error_reply('SEQ ' .. last) end
        for i = 8, #ARGV do
          last = last + 1
          redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], last .. '-0', 'e', ARGV[i])
        end
        local ttl = ARGV[4]
        if ARGV[3] == '1' then
          ttl = ARGV[5]
          redis.call('HSET', KEYS[1], 'last', last, 'ended', 1)
          redis.call('DEL', KEYS[4])
        else
          redis.call('HSET', KEYS[1], 'last', last)
        end
        redis.call('PEXPIRE', KEYS[1], ttl)
        redis.call('PEXPIRE', KEYS[2], ttl)
        redis.call('PEXPIRE', KEYS[3], ttl)
        redis.call('PUBLISH', ARGV[6], last)
        return last
        """;

    /// <summary>
    /// KEYS meta, events, folded, lease; ARGV owner, last folded seq, folded slots, retention ms. Writes the folded
    /// history, then trims the stream to the events after it (readers far behind read the folded history first).
    /// </summary>
    public const string Fold = """
        local owner = redis.call('GET', KEYS[4])
        local meta = redis.call('HMGET', KEYS[1], 'ended', 'folded')
        if owner ~= ARGV[1] and meta[1] ~= '1' then return redis.error_reply('NOTOWNER ' .. (owner or '')) end
        if tonumber(meta[2] or '0') >= tonumber(ARGV[2]) then return 0 end
        redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
        redis.call('HSET', KEYS[1], 'folded', ARGV[2])
        redis.call('XTRIM', KEYS[2], 'MINID', (tonumber(ARGV[2]) + 1) .. '-0')
        return 1
        """;

    /// <summary>KEYS lease; ARGV owner, lease ms. 1 when renewed, 0 when the lease is someone else's or gone.</summary>
    public const string Renew = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    /// <summary>KEYS meta, lease; ARGV owner, lease ms. 1 when a running stream without a live owner is now ours.</summary>
    public const string Adopt = """
        local meta = redis.call('HMGET', KEYS[1], 'last', 'ended')
        if not meta[1] or meta[2] == '1' then return 0 end
        if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        return 0
        """;
}
