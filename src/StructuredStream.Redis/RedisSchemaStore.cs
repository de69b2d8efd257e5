using StackExchange.Redis;

namespace StructuredStream.Redis;

/// <summary>
/// Tenants' named schemas in Redis, one hash per tenant (<c>{prefix}schemas:{tenant}</c>, id to text), so that every
/// instance sees a schema stored through any of them. Only text is kept: each instance compiles it (cached by hash).
/// </summary>
public sealed class RedisSchemaStore
{
    private readonly IDatabase _database;
    private readonly string _prefix;

    /// <summary>Creates the store on <paramref name="redis"/>, under the log's key prefix.</summary>
    public RedisSchemaStore(IConnectionMultiplexer redis, RedisStreamLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        _database = redis.GetDatabase();
        _prefix = options.KeyPrefix;
    }

    /// <summary>Stores a schema's text; returns whether the id was new to the tenant.</summary>
    public bool Save(string tenant, string id, string text) => _database.HashSet(Key(tenant), id, text);

    /// <summary>The text stored under <paramref name="id"/> for the tenant, or null.</summary>
    public string? Find(string tenant, string id) => _database.HashGet(Key(tenant), id);

    /// <summary>Every schema the tenant stored: id and text.</summary>
    public IEnumerable<(string Id, string Text)> All(string tenant) =>
        _database.HashGetAll(Key(tenant)).Select(entry => ((string)entry.Name!, (string)entry.Value!));

    private RedisKey Key(string tenant) => $"{_prefix}schemas:{tenant}";
}
