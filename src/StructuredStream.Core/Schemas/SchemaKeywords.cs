using System.Collections.Frozen;

namespace StructuredStream.Schemas;

/// <summary>The keywords of JSON Schema draft 2020-12, and which of them the partial validator checks while streaming.</summary>
public static class SchemaKeywords
{
    /// <summary>The dialect this service speaks; a schema naming another <c>$schema</c> is refused.</summary>
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Every keyword of the 2020-12 vocabularies (core, applicator, unevaluated, validation, meta-data,
    /// format-annotation, content), plus <c>definitions</c>, which older schemas use for <c>$defs</c>.</summary>
    public static FrozenSet<string> Known { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        "$id", "$schema", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment", "$defs", "definitions",
        "prefixItems", "items", "contains", "additionalProperties", "properties", "patternProperties", "dependentSchemas",
        "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
        "unevaluatedItems", "unevaluatedProperties",
        "type", "const", "enum", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains", "maxProperties",
        "minProperties", "required", "dependentRequired",
        "title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples",
        "format",
        "contentEncoding", "contentMediaType", "contentSchema",
    ]);

    /// <summary>The keywords the partial validator checks as soon as a value makes them provable; every other keyword
    /// is checked once, on the whole object, at the end.</summary>
    public static FrozenSet<string> CheckedWhileStreaming { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        "$ref", "$defs", "definitions", "type", "properties", "required", "additionalProperties", "items", "prefixItems", "enum",
        "const", "anyOf", "oneOf", "allOf", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties",
        "maxProperties", "patternProperties",
    ]);

    /// <summary>The formats the partial validator asserts when a string ends.</summary>
    public static FrozenSet<string> CheckedFormats { get; } = FrozenSet.Create(StringComparer.Ordinal,
        ["date-time", "date", "time", "email", "uri", "uuid", "ipv4", "ipv6"]);

    /// <summary>Our own keyword: how a value is streamed (see <see cref="StreamingMode"/>).</summary>
    public const string Stream = "x-stream";

    /// <summary>Whether a keyword is an extension, which any schema may carry (<c>x-</c> prefix).</summary>
    public static bool IsExtension(string keyword) => keyword.StartsWith("x-", StringComparison.Ordinal);

    /// <summary>Keywords whose value is one subschema.</summary>
    internal static FrozenSet<string> SingleSubschema { get; } = FrozenSet.Create(StringComparer.Ordinal,
    [
        "items", "contains", "additionalProperties", "propertyNames", "if", "then", "else", "not", "unevaluatedItems",
        "unevaluatedProperties", "contentSchema",
    ]);

    /// <summary>Keywords whose value is an array of subschemas.</summary>
    internal static FrozenSet<string> SubschemaArrays { get; } = FrozenSet.Create(StringComparer.Ordinal,
        ["prefixItems", "allOf", "anyOf", "oneOf"]);

    /// <summary>Keywords whose value is an object whose member values are subschemas.</summary>
    internal static FrozenSet<string> SubschemaMaps { get; } = FrozenSet.Create(StringComparer.Ordinal,
        ["$defs", "definitions", "properties", "patternProperties", "dependentSchemas"]);
}
