using StructuredStream.Api.Access;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using StructuredStream.Redis;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Schemas;

/// <summary>
/// Named schemas: those shipped in <c>schemas/</c>, loaded at start and seen by every tenant, and those a tenant
/// stores with <c>PUT /v1/schemas/{id}</c>, seen by that tenant only (and shadowing a shipped one of the same id).
/// With several instances, tenants' schemas live in Redis (<see cref="RedisSchemaStore"/>) and are read from there
/// each time, so a schema stored through one instance is the same on all of them.
/// </summary>
public sealed partial class SchemaCatalog
{
    private const string Shipped = "";
    private readonly ConcurrentDictionary<(string Tenant, string Id), NamedSchema> _schemas = new();
    private readonly SchemaCache _cache;
    private readonly RedisSchemaStore? _shared;
    private readonly int _maxPerTenant;
    private readonly Lock _storing = new();

    /// <summary>
    /// Creates an empty catalog that compiles through <paramref name="cache"/>, keeping tenants' schemas in
    /// <paramref name="shared"/> when given, at most <paramref name="maxPerTenant"/> per tenant.
    /// </summary>
    public SchemaCatalog(SchemaCache cache, RedisSchemaStore? shared = null, int maxPerTenant = AccessOptions.DefaultMaxSchemasPerTenant)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerTenant, 1);
        _cache = cache;
        _shared = shared;
        _maxPerTenant = maxPerTenant;
    }

    /// <summary>The named schemas a tenant sees, by id.</summary>
    public async Task<IReadOnlyList<NamedSchema>> AllAsync(string tenant)
    {
        var seen = new Dictionary<string, NamedSchema>(StringComparer.Ordinal);
        foreach (var ((owner, id), schema) in _schemas)
        {
            if (owner == tenant || (owner == Shipped && !seen.ContainsKey(id)))
            {
                seen[id] = schema;
            }
        }

        foreach (var (id, text) in _shared is null ? [] : await _shared.AllAsync(tenant).ConfigureAwait(false))
        {
            seen[id] = new NamedSchema(id, text, _cache.GetOrLoad(text));
        }

        return [.. seen.Values.OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="id"/> can name a schema: lowercase letters, digits, '-', '_' and '.', at most 64.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Loads every <c>*.json</c> file of <paramref name="directory"/>, named by its file name.</summary>
    /// <exception cref="SchemaException">A shipped schema is refused (a broken deployment should not start).</exception>
    public void LoadDirectory(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            try
            {
                Store(id, File.ReadAllText(file), Shipped);
            }
            catch (SchemaException e)
            {
                throw new SchemaException([new SchemaProblem("", $"The schema file {Path.GetFileName(file)} is refused:"), .. e.Problems]);
            }
        }
    }

    /// <summary>The schema named <paramref name="id"/> as <paramref name="tenant"/> sees it, or null.</summary>
    public async Task<NamedSchema?> FindAsync(string id, string tenant)
    {
        if (_shared is not null && await _shared.FindAsync(tenant, id).ConfigureAwait(false) is { } text)
        {
            // Compiled once per content (the cache is keyed by its hash), whichever instance stored it.
            return new NamedSchema(id, text, _cache.GetOrLoad(text));
        }

        return _schemas.TryGetValue((tenant, id), out var schema) || _schemas.TryGetValue((Shipped, id), out schema) ? schema : null;
    }

    /// <summary>
    /// Stores a tenant's schema under a name, replacing the tenant's one before it; returns what was stored and
    /// whether the name is new to the tenant.
    /// </summary>
    /// <exception cref="SchemaException">The schema is refused.</exception>
    /// <exception cref="TooManySchemasException">The name is new and the tenant holds as many schemas as it may.</exception>
    public async Task<(NamedSchema Stored, bool IsNew)> PutAsync(string id, string text, string tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (_shared is null || tenant == Shipped)
        {
            return Store(id, text, tenant);
        }

        var stored = Compile(id, text);
        return await _shared.SaveAsync(tenant, id, text, _maxPerTenant).ConfigureAwait(false) switch
        {
            SchemaSave.Full => throw new TooManySchemasException(_maxPerTenant),
            var saved => (stored, saved == SchemaSave.Added),
        };
    }

    /// <summary>Keeps a schema in this process's catalog (the shipped ones without a cap: they come with the service).</summary>
    private (NamedSchema Stored, bool IsNew) Store(string id, string text, string tenant)
    {
        var stored = Compile(id, text);
        lock (_storing)
        {
            var isNew = !_schemas.ContainsKey((tenant, id));
            if (isNew && tenant != Shipped && CountOf(tenant) >= _maxPerTenant)
            {
                throw new TooManySchemasException(_maxPerTenant);
            }

            _schemas[(tenant, id)] = stored;
            return (stored, isNew);
        }
    }

    private int CountOf(string tenant)
    {
        var count = 0;
        foreach (var (owner, _) in _schemas.Keys)
        {
            count += owner == tenant ? 1 : 0;
        }

        return count;
    }

    private NamedSchema Compile(string id, string text) =>
        IsValidId(id)
            ? new NamedSchema(id, text, _cache.GetOrLoad(text))
            : throw new ArgumentException($"'{id}' is not a schema id: use lowercase letters, digits, '-', '_' and '.', at most 64 characters.", nameof(id));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
