using System.Text.RegularExpressions;
using StructuredStream.Documents;

namespace StructuredStream.Schemas;

/// <summary>
/// One subschema compiled for the partial validator: the keywords it can check while a value is still being written.
/// Keywords it leaves out are enforced at the end by the full validator.
/// </summary>
/// <remarks>Built once by <see cref="SchemaCompiler"/> and then only read, from any thread.</remarks>
internal sealed class SchemaNode
{
    /// <summary>The boolean schema <c>true</c>, and what an absent subschema means.</summary>
    public static SchemaNode Anything { get; } = new("");

    public SchemaNode(string location)
    {
        Location = location;
    }

    /// <summary>Where this subschema is, as a JSON Pointer into its document (for messages).</summary>
    public string Location { get; }

    /// <summary>The boolean schema <c>false</c>: no value is valid.</summary>
    public bool Nothing { get; set; }

    public JsonTypes Types { get; set; } = JsonTypes.Any;

    /// <summary><c>enum</c>, or the single value of <c>const</c> (see <see cref="EnumKeyword"/>).</summary>
    public DocumentNode[]? Enum { get; set; }

    /// <summary><c>enum</c> or <c>const</c>, for messages.</summary>
    public string EnumKeyword { get; set; } = "enum";

    /// <summary>The string values of <see cref="Enum"/>, which a string being written must stay a prefix of.</summary>
    public string[]? EnumStrings { get; set; }

    public Dictionary<string, SchemaNode>? Properties { get; set; }

    public PatternProperty[]? PatternProperties { get; set; }

    public SchemaNode? AdditionalProperties { get; set; }

    public string[]? Required { get; set; }

    public int? MinProperties { get; set; }

    public int? MaxProperties { get; set; }

    public SchemaNode[]? PrefixItems { get; set; }

    public SchemaNode? Items { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public Regex? Pattern { get; set; }

    /// <summary>A <c>format</c> the partial validator asserts; null when absent or only annotated.</summary>
    public string? Format { get; set; }

    /// <summary>Numeric bounds; null when absent or beyond <see cref="decimal"/>, then checked only at the end.</summary>
    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    public decimal? ExclusiveMinimum { get; set; }

    public decimal? ExclusiveMaximum { get; set; }

    public decimal? MultipleOf { get; set; }

    /// <summary><c>allOf</c> plus the target of <c>$ref</c>: every one must hold.</summary>
    public SchemaNode[]? AllOf { get; set; }

    public SchemaNode[]? AnyOf { get; set; }

    public SchemaNode[]? OneOf { get; set; }

    public StreamingMode Streaming { get; set; }

    /// <summary>Whether a string under this schema is only sent whole: <c>enum</c>, <c>const</c>, <c>format</c> and
    /// <c>pattern</c> strings are, as is anything marked atomic.</summary>
    public bool HoldsStrings => Streaming == StreamingMode.Atomic || Enum is not null || Pattern is not null || Format is not null;

    /// <summary>Whether a string's text must be kept to check it when it ends.</summary>
    public bool NeedsStringText => EnumStrings is not null || Pattern is not null || Format is not null;

    /// <summary>Whether a container's member names must be kept (to find missing or duplicate ones).</summary>
    public bool NeedsNames => Required is not null || MinProperties is not null || MaxProperties is not null;

    /// <summary>Whether a value must be captured whole to compare it (<c>enum</c> or <c>const</c> with containers).</summary>
    public bool ComparesWholeValues { get; set; }
}

/// <summary>A compiled <c>patternProperties</c> entry.</summary>
internal sealed record PatternProperty(Regex Pattern, SchemaNode Schema);
