using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Redis;

/// <summary>
/// The stream log shared by several service instances through Redis. Each stream's events go to a Redis Stream
/// (entry id <c>seq-0</c>); the instance that created a stream holds a lease on it, renewed while it writes, and
/// every append checks that lease in the same script, so exactly one instance writes each stream. The owner keeps
/// the stream's <see cref="StreamHistory"/> and, every <see cref="RedisStreamLogOptions.FoldAfter"/> events, stores
/// its folded part and trims the Redis Stream: memory in Redis is bounded by the object, as in memory. Readers on
/// any instance read the Redis Stream from their cursor (the folded part first when they are further behind) and
/// wait for appends on a pub/sub channel.
/// </summary>
public sealed class RedisStreamLog : IStreamLog, IAsyncDisposable
{
    private static readonly RedisValue[] MetaFields = ["last", "ended", "folded", "d"];

    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly RedisStreamLogOptions _options;
    private readonly TimeProvider _time;
    private readonly AppendWakeups _wakeups;
    private readonly ConcurrentDictionary<string, OwnedStream> _owned = new(StringComparer.Ordinal);
    private readonly ITimer _renewal;
    private int _renewing;

    /// <summary>Creates the log on a connection; starts renewing the leases of the streams it will own.</summary>
    public RedisStreamLog(IConnectionMultiplexer redis, RedisStreamLogOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _options = options ?? new RedisStreamLogOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.FoldAfter, 2 * _options.RecentEvents);
        _time = timeProvider ?? TimeProvider.System;
        _db = redis.GetDatabase();
        _keys = new RedisKeys(_options.KeyPrefix);
        _wakeups = new AppendWakeups(redis.GetSubscriber(), _keys, _time);
        var every = _options.LeaseTime / 3;
        _renewal = _time.CreateTimer(_ => _ = RenewAsync(), null, every, every);
    }

    /// <summary>This instance's name in leases.</summary>
    public string InstanceId => _options.InstanceId;

    /// <summary>The number of streams this instance writes now.</summary>
    public int Owned => _owned.Count;

    /// <inheritdoc />
    public async ValueTask CreateAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            await _db.ScriptEvaluateAsync(RedisScripts.Create, [_keys.Meta(stream.Id), _keys.Lease(stream.Id)],
                [JsonSerializer.Serialize(stream, JsonSerializerOptions.Web), InstanceId, Ms(_options.LeaseTime), Ms(_options.RunningRetention)]).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("EXISTS", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A stream '{stream.Id}' already exists.", e);
        }

        _owned[stream.Id] = new OwnedStream(new StreamHistory(_options.RecentEvents), folded: 0);
    }

    /// <inheritdoc />
    /// <exception cref="StreamOwnershipLostException">Another instance holds the stream now (or nobody does).</exception>
    public async ValueTask<long> AppendAsync(string streamId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_owned.TryGetValue(streamId, out var owned))
        {
            var owner = await _db.StringGetAsync(_keys.Lease(streamId)).ConfigureAwait(false);
            throw await GetAsync(streamId, cancellationToken).ConfigureAwait(false) switch
            {
                null => new StreamNotFoundException(streamId),
                { IsFinished: true } => new InvalidOperationException($"The stream '{streamId}' has already ended."),
                _ => new StreamOwnershipLostException(streamId, owner.IsNull ? null : owner.ToString()),
            };
        }

        await owned.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AppendOwnedAsync(streamId, owned, events).ConfigureAwait(false);
        }
        finally
        {
            owned.Gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SequencedEvent>> ReadAsync(string streamId, long after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        while (true)
        {
            if (await TryReadAsync(streamId, after, max).ConfigureAwait(false) is { } batch)
            {
                return batch;
            }

            var appended = await _wakeups.ListenAsync(streamId).ConfigureAwait(false);
            try
            {
                // Again, now that this instance listens: an append may have come in between.
                if (await TryReadAsync(streamId, after, max).ConfigureAwait(false) is { } again)
                {
                    return again;
                }

                await Task.WhenAny(appended, Task.Delay(_options.PollInterval, _time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                _wakeups.Release(streamId);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<StreamSnapshot?> GetAsync(string streamId, CancellationToken cancellationToken = default)
    {
        var meta = await _db.HashGetAsync(_keys.Meta(streamId), MetaFields).ConfigureAwait(false);
        if (meta[3].IsNull)
        {
            return null;
        }

        var stream = JsonSerializer.Deserialize<StreamDescriptor>(meta[3].ToString(), JsonSerializerOptions.Web)!;
        return new StreamSnapshot(stream, (long)meta[0], meta[1] == 1);
    }

    /// <summary>The instance that holds a stream's lease, or null when none does (ended, or its owner died).</summary>
    public async ValueTask<string?> GetOwnerAsync(string streamId)
    {
        var owner = await _db.StringGetAsync(_keys.Lease(streamId)).ConfigureAwait(false);
        return owner.IsNull ? null : owner.ToString();
    }

    /// <summary>
    /// Takes over a running stream whose lease has run out (its owner died or lost Redis): true when this instance
    /// now owns it and may append, typically to end it. False when it has ended or another instance holds it.
    /// </summary>
    public async ValueTask<bool> TryAdoptAsync(string streamId)
    {
        var adopted = (int)await _db.ScriptEvaluateAsync(RedisScripts.Adopt, [_keys.Meta(streamId), _keys.Lease(streamId)],
            [InstanceId, Ms(_options.LeaseTime)]).ConfigureAwait(false);
        if (adopted == 0)
        {
            return false;
        }

        var (history, folded) = await LoadHistoryAsync(streamId).ConfigureAwait(false);
        _owned[streamId] = new OwnedStream(history, folded);
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _renewal.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<long> AppendOwnedAsync(string streamId, OwnedStream owned, IReadOnlyList<StreamEvent> events)
    {
        if (owned.Lost)
        {
            _owned.TryRemove(new(streamId, owned));
            throw new StreamOwnershipLostException(streamId, currentOwner: null);
        }

        var history = owned.History;
        if (history.IsFinished)
        {
            throw new InvalidOperationException($"The stream '{streamId}' has already ended.");
        }

        var take = 0;
        var ends = false;
        while (take < events.Count && !ends)
        {
            ends = events[take++] is FinalEvent;
        }

        if (take == 0)
        {
            return history.LastSeq;
        }

        var first = history.LastSeq + 1;
        var args = new RedisValue[7 + take];
        args[0] = InstanceId;
        args[1] = first;
        args[2] = ends ? 1 : 0;
        args[3] = Ms(_options.RunningRetention);
        args[4] = Ms(_options.RetainFor);
        args[5] = _keys.Appended(streamId).ToString();
        args[6] = 4 * _options.FoldAfter; // a safety cap only: folding trims the stream long before it
        for (var i = 0; i < take; i++)
        {
            args[7 + i] = EventText.Write(new SequencedEvent(first + i, events[i]));
        }

        try
        {
            await _db.ScriptEvaluateAsync(RedisScripts.Append,
                [_keys.Meta(streamId), _keys.Events(streamId), _keys.Folded(streamId), _keys.Lease(streamId)], args).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOTOWNER", StringComparison.Ordinal))
        {
            owned.Lost = true;
            _owned.TryRemove(new(streamId, owned));
            var holder = e.Message["NOTOWNER".Length..].Trim();
            throw new StreamOwnershipLostException(streamId, holder.Length == 0 ? null : holder);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("ENDED", StringComparison.Ordinal))
        {
            _owned.TryRemove(new(streamId, owned));
            throw new InvalidOperationException($"The stream '{streamId}' has already ended.", e);
        }
        catch (Exception e) when (RedisFailure.IsUnavailable(e))
        {
            // Whether the append landed is unknown: stop writing and renewing, so that the lease runs out and a
            // reader's instance ends the stream from what the log holds (owner_lost).
            owned.Lost = true;
            _owned.TryRemove(new(streamId, owned));
            throw;
        }

        for (var i = 0; i < take; i++)
        {
            history.Append(events[i]);
        }

        if (ends || history.LastSeq - owned.Folded >= _options.FoldAfter)
        {
            await FoldAsync(streamId, owned).ConfigureAwait(false);
        }

        if (ends)
        {
            _owned.TryRemove(new(streamId, owned));
        }

        return history.LastSeq;
    }

    private async Task FoldAsync(string streamId, OwnedStream owned)
    {
        var folded = owned.History.LastFoldedSeq;
        if (folded <= owned.Folded)
        {
            return;
        }

        var retention = owned.History.IsFinished ? _options.RetainFor : _options.RunningRetention;
        await _db.ScriptEvaluateAsync(RedisScripts.Fold,
            [_keys.Meta(streamId), _keys.Events(streamId), _keys.Folded(streamId), _keys.Lease(streamId)],
            [InstanceId, folded, EventText.WriteFolded(owned.History.ExportFolded()), Ms(retention)]).ConfigureAwait(false);
        owned.Folded = folded;
    }

    /// <summary>The events after the cursor; null when there are none yet and the stream still runs.</summary>
    private async Task<IReadOnlyList<SequencedEvent>?> TryReadAsync(string streamId, long after, int max)
    {
        var meta = await _db.HashGetAsync(_keys.Meta(streamId), MetaFields).ConfigureAwait(false);
        if (meta[3].IsNull)
        {
            throw new StreamNotFoundException(streamId);
        }

        var last = (long)meta[0];
        if (after > last)
        {
            throw new ArgumentOutOfRangeException(nameof(after), after, $"The stream '{streamId}' has {last} events; there is no event {after} to read after.");
        }

        if (after == last)
        {
            return meta[1] == 1 ? [] : null;
        }

        var entries = await _db.StreamRangeAsync(_keys.Events(streamId), $"{after + 1}-0", "+", max).ConfigureAwait(false);
        if (entries.Length > 0 && SeqOf(entries[0]) == after + 1)
        {
            var batch = new SequencedEvent[entries.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                batch[i] = EventText.Read(entries[i]["e"].ToString());
            }

            return batch;
        }

        // The reader is further behind than the Redis Stream reaches: read the folded history as well.
        var (history, _) = await LoadHistoryAsync(streamId).ConfigureAwait(false);
        return history.Read(after, max);
    }

    /// <summary>The whole history of a stream: its folded part, then the events after it.</summary>
    private async Task<(StreamHistory History, long Folded)> LoadHistoryAsync(string streamId)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var slots = EventText.ReadFolded(await _db.StringGetAsync(_keys.Folded(streamId)).ConfigureAwait(false));
            var history = new StreamHistory(slots, _options.RecentEvents);
            var folded = history.LastSeq;
            var entries = await _db.StreamRangeAsync(_keys.Events(streamId), $"{folded + 1}-0", "+").ConfigureAwait(false);
            if (entries.Length > 0 && SeqOf(entries[0]) != folded + 1)
            {
                continue; // the owner folded further between the two reads
            }

            foreach (var entry in entries)
            {
                history.Append(EventText.Read(entry["e"].ToString()).Event);
            }

            return (history, folded);
        }

        throw new InvalidOperationException($"The history of stream '{streamId}' kept moving while it was read; try again.");
    }

    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (id, owned) in _owned)
            {
                try
                {
                    var renewed = (int)await _db.ScriptEvaluateAsync(RedisScripts.Renew, [_keys.Lease(id)], [InstanceId, Ms(_options.LeaseTime)]).ConfigureAwait(false);
                    owned.Lost |= renewed == 0 && !owned.History.IsFinished;
                }
                catch (Exception e) when (RedisFailure.IsUnavailable(e))
                {
                    // Redis is away: the next round tries again; if the lease runs out meanwhile, appends say so.
                }
            }

            await _wakeups.DropIdleAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailure.IsUnavailable(e))
        {
            // As above.
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private static long SeqOf(StreamEntry entry)
    {
        var id = entry.Id.ToString();
        return long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private sealed class OwnedStream(StreamHistory history, long folded)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public StreamHistory History { get; } = history;

        /// <summary>The last seq of the folded history stored in Redis.</summary>
        public long Folded { get; set; } = folded;

        public bool Lost { get; set; }
    }
}
