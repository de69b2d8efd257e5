using Microsoft.Extensions.Time.Testing;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// A fake clock that keeps each timer's callback, so that a test can run one late: as a thread pool does that was slow
/// to run a callback whose timer fired just before it was disposed.
/// </summary>
internal sealed class LateTimerClock(FakeTimeProvider time) : TimeProvider
{
    private readonly List<Action> _callbacks = [];

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    public override long TimestampFrequency => time.TimestampFrequency;

    /// <summary>The callback of the timer made last.</summary>
    public Action LastCallback
    {
        get
        {
            lock (_callbacks)
            {
                return _callbacks[^1];
            }
        }
    }

    public override long GetTimestamp() => time.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_callbacks)
        {
            _callbacks.Add(() => callback(state));
        }

        return time.CreateTimer(callback, state, dueTime, period);
    }
}
