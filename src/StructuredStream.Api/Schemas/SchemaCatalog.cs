using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Schemas;

/// <summary>Named schemas: those shipped in <c>schemas/</c>, loaded at start, and those stored with <c>PUT /v1/schemas/{id}</c>.</summary>
public sealed partial class SchemaCatalog
{
    private readonly ConcurrentDictionary<string, NamedSchema> _schemas = new(StringComparer.Ordinal);
    private readonly SchemaCache _cache;

    /// <summary>Creates an empty catalog that compiles through <paramref name="cache"/>.</summary>
    public SchemaCatalog(SchemaCache cache)
    {
        _cache = cache;
    }

    /// <summary>The named schemas, by id.</summary>
    public IEnumerable<NamedSchema> All => _schemas.Values.OrderBy(s => s.Id, StringComparer.Ordinal);

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
                Put(id, File.ReadAllText(file));
            }
            catch (SchemaException e)
            {
                throw new SchemaException([new SchemaProblem("", $"The schema file {Path.GetFileName(file)} is refused:"), .. e.Problems]);
            }
        }
    }

    /// <summary>The schema named <paramref name="id"/>.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NamedSchema? schema) =>
        _schemas.TryGetValue(id, out schema);

    /// <summary>Stores a schema under a name, replacing any before it; returns what was stored and whether the name is new.</summary>
    /// <exception cref="SchemaException">The schema is refused.</exception>
    public (NamedSchema Stored, bool IsNew) Put(string id, string text)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a schema id: use lowercase letters, digits, '-', '_' and '.', at most 64 characters.", nameof(id));
        }

        var stored = new NamedSchema(id, text, _cache.GetOrLoad(text));
        var isNew = true;
        _schemas.AddOrUpdate(id, stored, (_, _) =>
        {
            isNew = false;
            return stored;
        });
        return (stored, isNew);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
