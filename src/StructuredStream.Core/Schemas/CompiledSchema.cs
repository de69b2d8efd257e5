using System.Text.Json;
using StructuredStream.Validation;

namespace StructuredStream.Schemas;

/// <summary>
/// A schema accepted by <see cref="SchemaLoader"/>: compiled once for the partial validator and for the final one,
/// immutable, and shared by every stream that uses it.
/// </summary>
public sealed class CompiledSchema
{
    internal CompiledSchema(JsonElement json, string hash, SchemaNode root, FinalValidator final)
    {
        Json = json;
        Hash = hash;
        Root = root;
        Final = final;
    }

    /// <summary>The schema as parsed, for model requests and for type generation.</summary>
    public JsonElement Json { get; }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the schema text as given: its identity in caches and events.</summary>
    public string Hash { get; }

    /// <summary>Full draft 2020-12 validation of whole objects.</summary>
    public FinalValidator Final { get; }

    /// <summary>The root of the partial validator's compiled form.</summary>
    internal SchemaNode Root { get; }
}
