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

    // KEYS tenant's hash; ARGV id, text, most schemas. 1 added, 0 replaced, -1 full: one step, so that instances storing
    // at once cannot pass the cap together.
    private const string SaveScript = """
        if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          return 0
        end
        if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>Stores a schema's text, unless the name is new and the tenant holds <paramref name="maxSchemas"/> already.</summary>
    public async Task<SchemaSave> SaveAsync(string tenant, string id, string text, int maxSchemas)
    {
        var result = (int)await _database.ScriptEvaluateAsync(SaveScript, [Key(tenant)], [id, text, maxSchemas]).ConfigureAwait(false);
        return result switch
        {
            1 => SchemaSave.Added,
            0 => SchemaSave.Replaced,
            _ => SchemaSave.Full,
        };
    }

    /// <summary>The text stored under <paramref name="id"/> for the tenant, or null.</summary>
    public async Task<string?> FindAsync(string tenant, string id) => await _database.HashGetAsync(Key(tenant), id).ConfigureAwait(false);

    /// <summary>Every schema the tenant stored: id and text.</summary>
    public async Task<IReadOnlyList<(string Id, string Text)>> AllAsync(string tenant) =>
        [.. (await _database.HashGetAllAsync(Key(tenant)).ConfigureAwait(false)).Select(entry => ((string)entry.Name!, (string)entry.Value!))];

    private RedisKey Key(string tenant) => $"{_prefix}schemas:{tenant}";
}
