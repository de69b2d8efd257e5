using StructuredStream.Redis.Tests.Support;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Redis.Tests;

public sealed class RedisCallSlotsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [RedisFact]
    public async Task An_instance_whose_clock_runs_ahead_cannot_take_the_slots_other_instances_hold()
    {
        var options = new RedisStreamLogOptions { KeyPrefix = redis.NewPrefix(), LeaseTime = TimeSpan.FromSeconds(10) };
        await using var first = await redis.ConnectAsync();
        await using var second = await redis.ConnectAsync();
        await using var onTime = new RedisCallSlots(first, options);
        await using var ahead = new RedisCallSlots(second, options, new ClockAhead(TimeSpan.FromHours(1)));

        Assert.Equal(SlotGrant.Taken, await onTime.TryTakeAsync("client-a", "stream-1", perClient: 1, total: 1));
        Assert.Equal(SlotGrant.AllFull, await ahead.TryTakeAsync("client-b", "stream-2", perClient: 1, total: 1));
        Assert.Equal(SlotGrant.ClientFull, await ahead.TryTakeAsync("client-a", "stream-3", perClient: 1, total: 2));
    }

    /// <summary>The system clock, an hour (say) ahead: a machine whose time drifted.</summary>
    private sealed class ClockAhead(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + ahead;
    }
}
