using StackExchange.Redis;

namespace StructuredStream.Redis;

/// <summary>
/// Model-call slots shared by every instance: per client and in all, each held by a stream under a lease (sorted
/// sets scored by expiry), so a dead instance's slots come free after <see cref="RedisStreamLogOptions.LeaseTime"/>.
/// A release is published, so instances with streams waiting try again at once.
/// </summary>
public sealed class RedisCallSlots : IAsyncDisposable
{
    // Leases are scored by Redis's own clock: an instance whose clock runs ahead would otherwise count the others'
    // live slots as expired and take them, and the caps would stop holding across instances.
    private const string Now = """
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        """;

    // KEYS client set, all set; ARGV holder, lease ms, per-client cap, total cap, retention ms. 0 taken, 1 client full, 2 all full.
    private const string TakeScript = Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 1 end
        if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return 2 end
        redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        return 0
        """;

    // KEYS client set, all set; ARGV holder, lease ms. Only a slot still held is renewed.
    private const string RenewScript = Now + """
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1]) end
        if redis.call('ZSCORE', KEYS[2], ARGV[1]) then redis.call('ZADD', KEYS[2], 'XX', now + tonumber(ARGV[2]), ARGV[1]) end
        return 1
        """;

    private readonly IDatabase _db;
    private readonly ISubscriber _subscriber;
    private readonly RedisStreamLogOptions _options;
    private readonly TimeProvider _time;
    private readonly RedisChannel _freed;
    private readonly Dictionary<string, string> _held = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ITimer _renewal;
    private Action<RedisChannel, RedisValue>? _handler;

    /// <summary>Creates the slots; leases are renewed every third of <see cref="RedisStreamLogOptions.LeaseTime"/>.</summary>
    public RedisCallSlots(IConnectionMultiplexer redis, RedisStreamLogOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _db = redis.GetDatabase();
        _subscriber = redis.GetSubscriber();
        _time = timeProvider ?? TimeProvider.System;
        _freed = RedisChannel.Literal($"{options.KeyPrefix}{{admission}}:freed");
        var every = options.LeaseTime / 3;
        _renewal = _time.CreateTimer(_ => _ = RenewAsync(), null, every, every);
    }

    /// <summary>Starts hearing releases from every instance.</summary>
    public async Task StartAsync(Action freed)
    {
        ArgumentNullException.ThrowIfNull(freed);
        _handler = (_, _) => freed();
        await _subscriber.SubscribeAsync(_freed, _handler).ConfigureAwait(false);
    }

    /// <summary>Takes a slot for <paramref name="holder"/> (a stream) of <paramref name="client"/>, if the caps allow.</summary>
    public async Task<SlotGrant> TryTakeAsync(string client, string holder, int perClient, int total)
    {
        var result = (int)await _db.ScriptEvaluateAsync(TakeScript, [ClientKey(client), AllKey],
            [holder, (long)_options.LeaseTime.TotalMilliseconds, perClient, total, (long)_options.RunningRetention.TotalMilliseconds]).ConfigureAwait(false);
        if (result == 0)
        {
            lock (_lock)
            {
                _held[holder] = client;
            }
        }

        return (SlotGrant)result;
    }

    /// <summary>Gives a slot back and tells every instance.</summary>
    public async Task ReleaseAsync(string client, string holder)
    {
        lock (_lock)
        {
            _held.Remove(holder);
        }

        var batch = _db.CreateBatch();
        var removeClient = batch.SortedSetRemoveAsync(ClientKey(client), holder);
        var removeAll = batch.SortedSetRemoveAsync(AllKey, holder);
        var publish = batch.PublishAsync(_freed, holder);
        batch.Execute();
        await Task.WhenAll(removeClient, removeAll, publish).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync().ConfigureAwait(false);
        if (_handler is not null)
        {
            await _subscriber.UnsubscribeAsync(_freed, _handler).ConfigureAwait(false);
        }
    }

    private RedisKey AllKey => $"{_options.KeyPrefix}{{admission}}:all";

    private RedisKey ClientKey(string client) => $"{_options.KeyPrefix}{{admission}}:client:{client}";

    private async Task RenewAsync()
    {
        KeyValuePair<string, string>[] held;
        lock (_lock)
        {
            held = [.. _held];
        }

        var lease = (long)_options.LeaseTime.TotalMilliseconds;
        foreach (var (holder, client) in held)
        {
            try
            {
                await _db.ScriptEvaluateAsync(RenewScript, [ClientKey(client), AllKey], [holder, lease]).ConfigureAwait(false);
            }
            catch (Exception e) when (RedisFailure.IsUnavailable(e))
            {
                // Redis is away: the next round tries again.
            }
        }
    }
}
