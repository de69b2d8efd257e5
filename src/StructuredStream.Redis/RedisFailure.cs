using StackExchange.Redis;

namespace StructuredStream.Redis;

/// <summary>What counts as Redis being away: the service answers 503 and retries later, the log stops writing.</summary>
public static class RedisFailure
{
    /// <summary>
    /// Whether <paramref name="exception"/> says Redis could not be reached or did not answer in time. A command's
    /// time-out is a <see cref="RedisTimeoutException"/>, which derives from <see cref="TimeoutException"/>, not from
    /// <see cref="RedisException"/>: a handler of the latter alone lets time-outs through.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception is RedisException or RedisTimeoutException;
}
