using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using StructuredStream.Documents;
using StructuredStream.Patching;

namespace StructuredStream.Schemas;

/// <summary>
/// Compiles subschemas into <see cref="SchemaNode"/>s and collects every problem on the way: unknown keywords, keyword
/// values of the wrong shape, references that lead outside the schema, and exceeded limits.
/// </summary>
internal sealed class SchemaCompiler
{
    private readonly SchemaResources _resources;
    private readonly SchemaLoadOptions _options;
    private readonly Dictionary<string, SchemaNode> _compiled = new(StringComparer.Ordinal);
    private int _propertyCount;

    public SchemaCompiler(SchemaResources resources, SchemaLoadOptions options)
    {
        _resources = resources;
        _options = options;
    }

    /// <summary>Everything wrong with the schema, in the order found.</summary>
    public List<SchemaProblem> Problems { get; } = [];

    /// <summary>Compiles the subschema at <paramref name="location"/>, once: references to it share the node.</summary>
    public SchemaNode Compile(SchemaLocation location)
    {
        if (_compiled.TryGetValue(location.Key, out var existing))
        {
            return existing;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        var node = new SchemaNode(location.Pointer);
        // Registered before its members are compiled, so a recursive $ref finds it instead of looping.
        _compiled.Add(location.Key, node);
        var element = location.Element;
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return node;
            case JsonValueKind.False:
                node.Nothing = true;
                return node;
            case JsonValueKind.Object:
                break;
            default:
                Problem(location.Pointer, $"A schema must be an object or a boolean, not {Describe(element)}.");
                return node;
        }

        var here = location with { BaseUri = _resources.BaseOf(location) };
        List<string>? unknown = null;
        var allOf = new List<SchemaNode>();
        foreach (var member in element.EnumerateObject())
        {
            if (!SchemaKeywords.Known.Contains(member.Name) && !SchemaKeywords.IsExtension(member.Name))
            {
                (unknown ??= []).Add(member.Name);
                continue;
            }

            CompileKeyword(node, here, member, allOf);
        }

        if (unknown is not null)
        {
            Problem(location.Pointer, $"Unknown keyword{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(k => $"'{k}'"))}: " +
                "not a JSON Schema 2020-12 keyword (extensions must start with 'x-').");
        }

        if (allOf.Count > 0)
        {
            node.AllOf = [.. allOf];
        }

        return node;
    }

    private void CompileKeyword(SchemaNode node, SchemaLocation here, JsonProperty member, List<SchemaNode> allOf)
    {
        var value = member.Value;
        var path = JsonPointer.Append(here.Pointer, member.Name);
        var at = here with { Element = value, Pointer = path };
        switch (member.Name)
        {
            case "$schema":
                if (here.Pointer.Length == 0 && !IsDialect(value))
                {
                    Problem(path, $"Only JSON Schema draft 2020-12 is supported ('{SchemaKeywords.Dialect}'); remove $schema or name that dialect.");
                }

                break;
            case "$ref":
                if (RequireString(value, path) is { } reference)
                {
                    if (_resources.TryResolve(here.BaseUri, reference, out var target, out var why))
                    {
                        allOf.Add(Compile(target));
                    }
                    else
                    {
                        Problem(path, why);
                    }
                }

                break;
            case "type":
                node.Types = CompileTypes(value, path);
                break;
            case "enum":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    Problem(path, $"'enum' must be an array, not {Describe(value)}.");
                    break;
                }

                if (value.GetArrayLength() > _options.Limits.MaxEnumValues)
                {
                    Problem(path, $"'enum' has {value.GetArrayLength()} values; the limit is {_options.Limits.MaxEnumValues}.");
                    break;
                }

                SetEnum(node, [.. value.EnumerateArray().Select(DocumentNode.FromElement)], "enum");
                break;
            case "const":
                SetEnum(node, [DocumentNode.FromElement(value)], "const");
                break;
            case "properties":
                if (RequireObject(value, path))
                {
                    node.Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
                    foreach (var property in value.EnumerateObject())
                    {
                        if (++_propertyCount == _options.Limits.MaxProperties + 1)
                        {
                            Problem(path, $"The schema has more than {_options.Limits.MaxProperties} properties in all.");
                        }

                        node.Properties[property.Name] = Compile(at with { Element = property.Value, Pointer = JsonPointer.Append(path, property.Name) });
                    }
                }

                break;
            case "patternProperties":
                if (RequireObject(value, path))
                {
                    var patterns = new List<PatternProperty>();
                    foreach (var property in value.EnumerateObject())
                    {
                        var schema = Compile(at with { Element = property.Value, Pointer = JsonPointer.Append(path, property.Name) });
                        if (CompilePattern(property.Name, path) is { } regex)
                        {
                            patterns.Add(new PatternProperty(regex, schema));
                        }
                    }

                    node.PatternProperties = [.. patterns];
                }

                break;
            case "additionalProperties":
                node.AdditionalProperties = Compile(at);
                break;
            case "required":
                node.Required = RequireStrings(value, path);
                break;
            case "dependentRequired":
                if (RequireObject(value, path))
                {
                    foreach (var property in value.EnumerateObject())
                    {
                        RequireStrings(property.Value, JsonPointer.Append(path, property.Name));
                    }
                }

                break;
            case "prefixItems":
                node.PrefixItems = CompileArray(at);
                break;
            case "items":
                if (value.ValueKind == JsonValueKind.Array)
                {
                    Problem(path, "In draft 2020-12 'items' is one schema; write the per-position schemas as 'prefixItems'.");
                    break;
                }

                node.Items = Compile(at);
                break;
            case "allOf":
                allOf.AddRange(CompileArray(at) ?? []);
                break;
            case "anyOf":
                node.AnyOf = CompileArray(at);
                break;
            case "oneOf":
                node.OneOf = CompileArray(at);
                break;
            case "minLength":
                node.MinLength = RequireCount(value, path);
                break;
            case "maxLength":
                node.MaxLength = RequireCount(value, path);
                break;
            case "minItems":
                node.MinItems = RequireCount(value, path);
                break;
            case "maxItems":
                node.MaxItems = RequireCount(value, path);
                break;
            case "minProperties":
                node.MinProperties = RequireCount(value, path);
                break;
            case "maxProperties":
                node.MaxProperties = RequireCount(value, path);
                break;
            case "minContains":
            case "maxContains":
                RequireCount(value, path);
                break;
            case "uniqueItems":
                node.UniqueItems = RequireBoolean(value, path);
                break;
            case "pattern":
                if (RequireString(value, path) is { } pattern)
                {
                    node.Pattern = CompilePattern(pattern, path);
                }

                break;
            case "format":
                if (RequireString(value, path) is { } format && _options.AssertFormats && SchemaKeywords.CheckedFormats.Contains(format))
                {
                    node.Format = format;
                }

                break;
            case "minimum":
                node.Minimum = RequireNumber(value, path);
                break;
            case "maximum":
                node.Maximum = RequireNumber(value, path);
                break;
            case "exclusiveMinimum":
                node.ExclusiveMinimum = RequireNumber(value, path);
                break;
            case "exclusiveMaximum":
                node.ExclusiveMaximum = RequireNumber(value, path);
                break;
            case "multipleOf":
                node.MultipleOf = RequireNumber(value, path);
                if (value.ValueKind == JsonValueKind.Number && value.GetDouble() <= 0)
                {
                    Problem(path, "'multipleOf' must be greater than 0.");
                    node.MultipleOf = null;
                }

                break;
            case SchemaKeywords.Stream:
                node.Streaming = value.ValueKind == JsonValueKind.String && value.GetString() == "atomic"
                    ? StreamingMode.Atomic
                    : Refuse(path, $"'{SchemaKeywords.Stream}' supports \"atomic\" (the value is sent whole when it is complete), not {Describe(value)}.");
                break;
            default:
                CompileUncheckedSubschemas(member.Name, at);
                break;
        }
    }

    /// <summary>Subschemas of keywords checked only at the end are still compiled: their keywords and references must be sound too.</summary>
    private void CompileUncheckedSubschemas(string keyword, SchemaLocation at)
    {
        if (SchemaKeywords.SingleSubschema.Contains(keyword))
        {
            Compile(at);
        }
        else if (SchemaKeywords.SubschemaArrays.Contains(keyword))
        {
            CompileArray(at);
        }
        else if (SchemaKeywords.SubschemaMaps.Contains(keyword) && RequireObject(at.Element, at.Pointer))
        {
            foreach (var entry in at.Element.EnumerateObject())
            {
                Compile(at with { Element = entry.Value, Pointer = JsonPointer.Append(at.Pointer, entry.Name) });
            }
        }
    }

    private SchemaNode[]? CompileArray(SchemaLocation at)
    {
        if (at.Element.ValueKind != JsonValueKind.Array || at.Element.GetArrayLength() == 0)
        {
            Problem(at.Pointer, $"Must be a non-empty array of schemas, not {Describe(at.Element)}.");
            return null;
        }

        var nodes = new SchemaNode[at.Element.GetArrayLength()];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = Compile(at with { Element = at.Element[i], Pointer = JsonPointer.Append(at.Pointer, i) });
        }

        return nodes;
    }

    private static void SetEnum(SchemaNode node, DocumentNode[] values, string keyword)
    {
        // With both enum and const, each must hold: the narrower one is kept here and both are checked at the end.
        if (node.Enum is not null && node.Enum.Length <= values.Length)
        {
            return;
        }

        node.Enum = values;
        node.EnumKeyword = keyword;
        node.EnumStrings = [.. values.OfType<StringNode>().Select(s => s.Value)];
        node.ComparesWholeValues = values.Any(v => v.Kind is DocumentNodeKind.Object or DocumentNodeKind.Array);
    }

    private JsonTypes CompileTypes(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return TypeNamed(value.GetString()!, path);
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Problem(path, $"'type' must be a type name or a non-empty array of them, not {Describe(value)}.");
            return JsonTypes.Any;
        }

        var types = JsonTypes.None;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                types |= Refuse(path, "'type' array items must be strings.", JsonTypes.Any);
                continue;
            }

            // Spec: JSON Schema 2020-12 validation, section 6.1.1, "elements of the array MUST be strings and MUST be
            // unique". Repeats are refused, not merged: a tool that walks the schema once per entry (a type generator)
            // would do the same work again for each, and nested repeats multiply.
            var name = item.GetString()!;
            types |= names.Add(name) ? TypeNamed(name, path) : Refuse(path, $"'type' names '{name}' twice: its entries must be unique.", JsonTypes.Any);
        }

        return types;
    }

    private JsonTypes TypeNamed(string name, string path) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "number" => JsonTypes.Number | JsonTypes.Integer,
        "integer" => JsonTypes.Integer,
        "string" => JsonTypes.String,
        _ => Refuse(path, $"Unknown type '{name}': use null, boolean, object, array, number, integer or string.", JsonTypes.Any),
    };

    private Regex? CompilePattern(string pattern, string path)
    {
        if (pattern.Length > _options.Limits.MaxPatternLength)
        {
            Problem(path, $"The pattern is {pattern.Length} characters long; the limit is {_options.Limits.MaxPatternLength}.");
            return null;
        }

        try
        {
            return SchemaPatterns.Create(pattern, _options.Limits.PatternMatchTimeout);
        }
        catch (ArgumentException e)
        {
            Problem(path, $"'{pattern}' is not a regular expression: {e.Message}");
            return null;
        }
    }

    private static bool IsDialect(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString()!.TrimEnd('#') == SchemaKeywords.Dialect;

    private string? RequireString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : Refuse<string?>(path, $"Must be a string, not {Describe(value)}.", null);

    private bool RequireObject(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object || Refuse(path, $"Must be an object, not {Describe(value)}.", false);

    private bool RequireBoolean(JsonElement value, string path) =>
        value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : Refuse(path, $"Must be true or false, not {Describe(value)}.", false);

    private string[]? RequireStrings(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return Refuse<string[]?>(path, $"Must be an array of strings, not {Describe(value)}.", null);
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    private int? RequireCount(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var count) || count < 0 || count != decimal.Truncate(count))
        {
            return Refuse<int?>(path, $"Must be a non-negative integer, not {Describe(value)}.", null);
        }

        return count > int.MaxValue ? int.MaxValue : (int)count;
    }

    private decimal? RequireNumber(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return Refuse<decimal?>(path, $"Must be a number, not {Describe(value)}.", null);
        }

        // A bound decimal cannot hold exactly (beyond its range, or 1e-30) is left to the final validation rather than
        // rounded: a multipleOf rounded to 0 would divide by it.
        return NumberText.TryParseExactDecimal(value.GetRawText(), out var number) ? number : null;
    }

    private StreamingMode Refuse(string path, string message) => Refuse(path, message, StreamingMode.Incremental);

    private T Refuse<T>(string path, string message, T fallback)
    {
        Problem(path, message);
        return fallback;
    }

    private void Problem(string path, string message) => Problems.Add(new SchemaProblem(path, message));

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
