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

    // Asynchronous only: these run on request paths, and a blocking Redis call there holds a thread-pool thread until
    // the reply comes, which under many concurrent stream starts starves the pool that would read the replies.

    /// <summary>Stores a schema's text; returns whether the id was new to the tenant.</summary>
    public Task<bool> SaveAsync(string tenant, string id, string text) => _database.HashSetAsync(Key(tenant), id, text);

    /// <summary>The text stored under <paramref name="id"/> for the tenant, or null.</summary>
    public async Task<string?> FindAsync(string tenant, string id) => await _database.HashGetAsync(Key(tenant), id).ConfigureAwait(false);

    /// <summary>Every schema the tenant stored: id and text.</summary>
    public async Task<IReadOnlyList<(string Id, string Text)>> AllAsync(string tenant) =>
        [.. (await _database.HashGetAllAsync(Key(tenant)).ConfigureAwait(false)).Select(entry => ((string)entry.Name!, (string)entry.Value!))];

    private RedisKey Key(string tenant) => $"{_prefix}schemas:{tenant}";
}
