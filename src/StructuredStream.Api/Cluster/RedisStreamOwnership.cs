using StructuredStream.Api.Streams;
using StructuredStream.Redis;

namespace StructuredStream.Api.Cluster;

/// <summary>
/// Several instances share Redis: the instance holding a stream's lease runs its model call; a Stop or a reader on
/// another instance reaches it as a <see cref="StreamSignal"/>, and a stream whose owner died is adopted by an
/// instance whose reader notices, which ends it.
/// </summary>
public sealed class RedisStreamOwnership : IStreamOwnership, IHostedService
{
    private readonly StreamHub _hub;
    private readonly RedisStreamLog _log;
    private readonly RedisStreamSignals _signals;
    private readonly StreamOptions _streams;
    private readonly TimeSpan _leaseTime;
    private readonly TimeProvider _time;

    /// <summary>Creates the ownership of this instance.</summary>
    public RedisStreamOwnership(StreamHub hub, RedisStreamLog log, RedisStreamSignals signals, StreamOptions streams, RedisStreamLogOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hub = hub;
        _log = log;
        _signals = signals;
        _streams = streams;
        _leaseTime = options.LeaseTime;
        _time = time;
    }

    /// <inheritdoc />
    public TimeSpan OwnerCheckInterval => _leaseTime / 2;

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AttachReaderAsync(string streamId)
    {
        if (_hub.TryGet(streamId, out _))
        {
            return LocalStreamOwnership.Attach(_hub, streamId);
        }

        var reader = new RemoteReader(this, streamId);
        await reader.PingAsync().ConfigureAwait(false);
        // Well inside the owner's grace period, so a reader here is never taken for gone.
        var every = _streams.ReaderGrace / 3;
        reader.Timer = _time.CreateTimer(_ => _ = reader.PingAsync(), null, every, every);
        return reader;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RequestCancelAsync(string streamId, CancelReason reason)
    {
        if (_hub.TryGet(streamId, out var generation))
        {
            generation.Cancel(reason);
            return true;
        }

        return await _log.GetOwnerAsync(streamId).ConfigureAwait(false) is { } owner
            && await _signals.SendAsync(owner, new StreamSignal(StreamSignalKind.Cancel, streamId, reason.ToString())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> TryAdoptOrphanAsync(string streamId) => await _log.TryAdoptAsync(streamId).ConfigureAwait(false);

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _signals.StartAsync(OnSignal);

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken) => await _signals.DisposeAsync().ConfigureAwait(false);

    private void OnSignal(StreamSignal signal)
    {
        if (!_hub.TryGet(signal.StreamId, out var generation))
        {
            return;
        }

        if (signal.Kind == StreamSignalKind.Cancel)
        {
            generation.Cancel(Enum.TryParse<CancelReason>(signal.Detail, out var reason) && reason != CancelReason.None ? reason : CancelReason.Requested);
        }
        else
        {
            generation.RemoteReaderSeen();
        }
    }

    private sealed class RemoteReader(RedisStreamOwnership ownership, string streamId) : IAsyncDisposable
    {
        public ITimer? Timer { get; set; }

        public async Task PingAsync()
        {
            try
            {
                if (await ownership._log.GetOwnerAsync(streamId).ConfigureAwait(false) is { } owner)
                {
                    await ownership._signals.SendAsync(owner, new StreamSignal(StreamSignalKind.ReaderPresent, streamId)).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (RedisFailure.IsUnavailable(e))
            {
                // Redis is away: the reader's own reads say so; the owner's grace period runs meanwhile.
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Timer is not null)
            {
                await Timer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
