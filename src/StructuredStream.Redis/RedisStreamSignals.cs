using StackExchange.Redis;

namespace StructuredStream.Redis;

/// <summary>
/// Carries <see cref="StreamSignal"/>s to the instance that owns a stream, over its pub/sub channel: a Stop or a
/// reader may land on any instance, while only the owner runs the model call.
/// </summary>
public sealed class RedisStreamSignals : IAsyncDisposable
{
    private readonly ISubscriber _subscriber;
    private readonly RedisKeys _keys;
    private readonly RedisChannel _own;
    private Action<RedisChannel, RedisValue>? _handler;

    /// <summary>Creates the signals of the instance named in <paramref name="options"/>.</summary>
    public RedisStreamSignals(IConnectionMultiplexer redis, RedisStreamLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _subscriber = redis.GetSubscriber();
        _keys = new RedisKeys(options.KeyPrefix);
        _own = _keys.Instance(options.InstanceId);
    }

    /// <summary>Starts receiving the signals sent to this instance.</summary>
    public async Task StartAsync(Action<StreamSignal> received)
    {
        ArgumentNullException.ThrowIfNull(received);
        _handler = (_, message) =>
        {
            if (TryParse(message.ToString(), out var signal))
            {
                received(signal);
            }
        };
        await _subscriber.SubscribeAsync(_own, _handler).ConfigureAwait(false);
    }

    /// <summary>Sends a signal to an instance; false when no instance of that name listens.</summary>
    public async Task<bool> SendAsync(string instanceId, StreamSignal signal)
    {
        var text = signal.Kind switch
        {
            StreamSignalKind.Cancel => $"cancel\n{signal.StreamId}\n{signal.Detail}",
            _ => $"reader\n{signal.StreamId}\n",
        };
        return await _subscriber.PublishAsync(_keys.Instance(instanceId), text).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_handler is not null)
        {
            await _subscriber.UnsubscribeAsync(_own, _handler).ConfigureAwait(false);
        }
    }

    private static bool TryParse(string text, out StreamSignal signal)
    {
        var parts = text.Split('\n');
        signal = default;
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            return false;
        }

        switch (parts[0])
        {
            case "cancel":
                signal = new StreamSignal(StreamSignalKind.Cancel, parts[1], parts[2]);
                return true;
            case "reader":
                signal = new StreamSignal(StreamSignalKind.ReaderPresent, parts[1]);
                return true;
            default:
                return false;
        }
    }
}
