using StructuredStream.Redis.Tests.Support;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Redis.Tests;

public sealed class RedisSchemaStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [RedisFact]
    public async Task A_tenant_stores_up_to_its_cap_from_any_instance_and_may_always_replace_its_own()
    {
        var options = new RedisStreamLogOptions { KeyPrefix = redis.NewPrefix() };
        await using var first = await redis.ConnectAsync();
        await using var second = await redis.ConnectAsync();
        var a = new RedisSchemaStore(first, options);
        var b = new RedisSchemaStore(second, options);

        Assert.Equal(SchemaSave.Added, await a.SaveAsync("t1", "one", "{}", maxSchemas: 2));
        Assert.Equal(SchemaSave.Added, await b.SaveAsync("t1", "two", "{}", maxSchemas: 2));
        Assert.Equal(SchemaSave.Full, await a.SaveAsync("t1", "three", "{}", maxSchemas: 2));
        Assert.Equal(SchemaSave.Replaced, await b.SaveAsync("t1", "one", """{"type":"string"}""", maxSchemas: 2));
        Assert.Equal(SchemaSave.Added, await a.SaveAsync("t2", "one", "{}", maxSchemas: 2)); // another tenant's own count

        Assert.Equal(["one", "two"], (await b.AllAsync("t1")).Select(s => s.Id).Order());
        Assert.Equal("""{"type":"string"}""", await a.FindAsync("t1", "one"));
        Assert.Null(await a.FindAsync("t1", "three"));
    }
}
