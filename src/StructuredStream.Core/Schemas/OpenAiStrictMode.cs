using System.Text.Json;
using StructuredStream.Patching;

namespace StructuredStream.Schemas;

/// <summary>
/// OpenAI's structured outputs in strict mode accept a subset of JSON Schema: an object root, every property
/// required, <c>additionalProperties: false</c> everywhere, a limited keyword set, and size limits (5,000 properties,
/// 10 levels of nesting, 1,000 enum values, 120,000 characters of names and values). A schema that fits is sent with
/// <c>strict: true</c>; any other is sent as it is without it, and the final validation still applies in full.
/// </summary>
public static class OpenAiStrictMode
{
    /// <summary>The provider name used in reports.</summary>
    public const string Provider = "openai";

    private const int MaxProperties = 5000;
    private const int MaxNesting = 10;
    private const int MaxEnumValues = 1000;
    private const int MaxTextLength = 120_000;
    private const int LargeEnum = 250;
    private const int MaxLargeEnumText = 15_000;

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "definitions", "$ref", "$anchor", "$comment", "title", "description", "examples", "default",
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf",
        "pattern", "format", "multipleOf", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems",
    };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    };

    /// <summary>Checks <paramref name="schema"/> and lists every reason it does not fit.</summary>
    public static ProviderFit Check(JsonElement schema)
    {
        var walk = new Walk();
        if (schema.ValueKind != JsonValueKind.Object || !IsType(schema, "object"))
        {
            walk.Reasons.Add(new("", "The root must be an object schema (\"type\": \"object\"); wrap other values in an object."));
        }

        walk.Visit(schema, "", 0);
        if (walk.Properties > MaxProperties)
        {
            walk.Reasons.Add(new("", $"The schema has {walk.Properties} properties; the limit is {MaxProperties}."));
        }

        if (walk.EnumValues > MaxEnumValues)
        {
            walk.Reasons.Add(new("", $"The schema has {walk.EnumValues} enum values in all; the limit is {MaxEnumValues}."));
        }

        if (walk.TextLength > MaxTextLength)
        {
            walk.Reasons.Add(new("", $"Property names, definition names, enum and const values add up to {walk.TextLength} characters; the limit is {MaxTextLength}."));
        }

        return new ProviderFit(Provider, walk.Reasons);
    }

    private static bool IsType(JsonElement schema, string type) =>
        schema.TryGetProperty("type", out var t) && (t.ValueKind == JsonValueKind.String ? t.ValueEquals(type) : t.ValueKind == JsonValueKind.Array && t.EnumerateArray().Any(x => x.ValueEquals(type)));

    private sealed class Walk
    {
        public List<SchemaProblem> Reasons { get; } = [];

        public int Properties { get; private set; }

        public int EnumValues { get; private set; }

        public long TextLength { get; private set; }

        // nesting: object and array levels above this schema.
        public void Visit(JsonElement schema, string location, int nesting)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                Reasons.Add(new(location, "Boolean schemas (true, false) are not supported; write the schema out."));
                return;
            }

            var isObject = IsType(schema, "object") || schema.TryGetProperty("properties", out _);
            var isContainer = isObject || IsType(schema, "array");
            if (isContainer && nesting >= MaxNesting)
            {
                Reasons.Add(new(location, $"Objects and arrays nest more than {MaxNesting} levels deep."));
            }

            foreach (var keyword in schema.EnumerateObject())
            {
                if (!Supported.Contains(keyword.Name) && !keyword.Name.StartsWith("x-", StringComparison.Ordinal))
                {
                    Reasons.Add(new(JsonPointer.Append(location, keyword.Name), $"'{keyword.Name}' is not supported in strict mode{Hint(keyword.Name)}."));
                }
            }

            if (isObject)
            {
                CheckObject(schema, location);
            }

            if (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && !Formats.Contains(format.GetString()!))
            {
                Reasons.Add(new(JsonPointer.Append(location, "format"), $"The format '{format.GetString()}' is not supported in strict mode."));
            }

            CountValues(schema, location);
            var inner = isContainer ? nesting + 1 : nesting;
            foreach (var (childLocation, child) in Children(schema, location))
            {
                Visit(child, childLocation, inner);
            }

            foreach (var defs in (ReadOnlySpan<string>)["$defs", "definitions"])
            {
                if (schema.TryGetProperty(defs, out var definitions) && definitions.ValueKind == JsonValueKind.Object)
                {
                    foreach (var definition in definitions.EnumerateObject())
                    {
                        TextLength += definition.Name.Length;
                        Visit(definition.Value, JsonPointer.Append(JsonPointer.Append(location, defs), definition.Name), nesting);
                    }
                }
            }
        }

        private void CheckObject(JsonElement schema, string location)
        {
            if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
            {
                Reasons.Add(new(location, "Objects must set \"additionalProperties\": false."));
            }

            var required = new HashSet<string>(StringComparer.Ordinal);
            if (schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in list.EnumerateArray())
                {
                    required.Add(name.GetString() ?? "");
                }
            }

            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                var missing = new List<string>();
                foreach (var property in properties.EnumerateObject())
                {
                    Properties++;
                    TextLength += property.Name.Length;
                    if (!required.Contains(property.Name))
                    {
                        missing.Add(property.Name);
                    }
                }

                if (missing.Count > 0)
                {
                    Reasons.Add(new(location, $"Every property must be required; not required: {string.Join(", ", missing)} (make a field optional with a \"null\" type instead)."));
                }
            }
        }

        private void CountValues(JsonElement schema, string location)
        {
            if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                var count = values.GetArrayLength();
                long length = 0;
                foreach (var value in values.EnumerateArray())
                {
                    length += value.ValueKind == JsonValueKind.String ? value.GetString()!.Length : value.GetRawText().Length;
                }

                EnumValues += count;
                TextLength += length;
                if (count > LargeEnum && length > MaxLargeEnumText)
                {
                    Reasons.Add(new(JsonPointer.Append(location, "enum"), $"An enum of more than {LargeEnum} values may hold at most {MaxLargeEnumText} characters; this one holds {length}."));
                }
            }

            if (schema.TryGetProperty("const", out var constant))
            {
                TextLength += constant.ValueKind == JsonValueKind.String ? constant.GetString()!.Length : constant.GetRawText().Length;
            }
        }

        private static IEnumerable<(string Location, JsonElement Schema)> Children(JsonElement schema, string location)
        {
            if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    yield return (JsonPointer.Append(JsonPointer.Append(location, "properties"), property.Name), property.Value);
                }
            }

            foreach (var keyword in (string[])["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"])
            {
                if (schema.TryGetProperty(keyword, out var child) && child.ValueKind == JsonValueKind.Object)
                {
                    yield return (JsonPointer.Append(location, keyword), child);
                }
            }

            foreach (var keyword in (string[])["anyOf", "oneOf", "allOf", "prefixItems"])
            {
                if (schema.TryGetProperty(keyword, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var child in list.EnumerateArray())
                    {
                        yield return (JsonPointer.Append(JsonPointer.Append(location, keyword), i++), child);
                    }
                }
            }
        }

        private static string Hint(string keyword) => keyword switch
        {
            "allOf" => "; merge the subschemas into one",
            "oneOf" => "; use anyOf",
            "prefixItems" => "; use an object with named members",
            "minLength" or "maxLength" => "; describe the length in \"description\" and rely on the final validation",
            _ => "",
        };
    }
}
