namespace StructuredStream.Tests.Processes;

/// <summary>A fact that needs redis-server; skipped, with the reason, where it is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
