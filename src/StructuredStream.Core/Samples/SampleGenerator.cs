using System.Globalization;
using StructuredStream.Documents;
using StructuredStream.Schemas;
using StructuredStream.Validation;

namespace StructuredStream.Samples;

/// <summary>
/// Writes documents that satisfy a schema, deterministically for a seed: the simulated model's output and the
/// property tests' valid documents. Every sample is checked by the schema's full validator before it is returned.
/// </summary>
/// <remarks>
/// Samples look like real answers (names for <c>name</c>, markdown for <c>body</c>, dates for <c>format: date</c>)
/// so demos read well. Optional members appear most of the time; below <see cref="ShallowDepth"/> only what the
/// schema requires is written, so recursive schemas stay small.
/// </remarks>
public sealed class SampleGenerator
{
    private const int Attempts = 25;
    private const int ShallowDepth = 4;
    private const double OptionalMemberChance = 0.8;
    private readonly CompiledSchema _schema;

    /// <summary>Creates a generator for <paramref name="schema"/>.</summary>
    public SampleGenerator(CompiledSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    /// <summary>A document valid against the schema; the same seed gives the same document.</summary>
    /// <exception cref="SampleGenerationException">No valid document was found (the schema may be unsatisfiable).</exception>
    public DocumentNode Generate(int seed)
    {
        IReadOnlyList<ValidationError> errors = [];
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var random = new Random(unchecked((seed * 7919) + attempt));
            var value = Value(_schema.Root, null, random, 0);
            errors = _schema.Final.Validate(value);
            if (errors.Count == 0)
            {
                return value;
            }
        }

        var first = errors[0];
        throw new SampleGenerationException(
            $"No sample satisfied the schema in {Attempts} attempts; the last failed at '{first.Path}' ({first.Keyword}): {first.Message}");
    }

    private static DocumentNode Value(SchemaNode node, string? name, Random random, int depth)
    {
        var parts = new List<SchemaNode>();
        Collect(node, random, parts, 0);
        var shape = Shape.Of(parts);
        if (shape.Nothing)
        {
            throw new SampleGenerationException($"The subschema at '{node.Location}' allows no value.");
        }

        if (shape.Enum is { Length: > 0 } values)
        {
            return values[random.Next(values.Length)].DeepClone();
        }

        return PickType(shape, random) switch
        {
            JsonTypes.Object => Object(shape, random, depth),
            JsonTypes.Array => Array(shape, random, depth),
            JsonTypes.Integer => Number(shape, random, integer: true),
            JsonTypes.Number => Number(shape, random, integer: false),
            JsonTypes.Boolean => LiteralNode.Boolean(random.Next(2) == 0),
            JsonTypes.Null => LiteralNode.Null,
            _ => new StringNode(String(shape, name, random)),
        };
    }

    /// <summary>The node, what it references and one chosen alternative of each <c>anyOf</c>/<c>oneOf</c>.</summary>
    private static void Collect(SchemaNode node, Random random, List<SchemaNode> parts, int level)
    {
        // A reference cycle without any value in between (a: {$ref: b}, b: {$ref: a}) would loop forever.
        if (level > 32)
        {
            throw new SampleGenerationException($"The subschema at '{node.Location}' refers to itself without a value in between.");
        }

        parts.Add(node);
        foreach (var part in node.AllOf ?? [])
        {
            Collect(part, random, parts, level + 1);
        }

        foreach (var alternatives in (ReadOnlySpan<SchemaNode[]?>)[node.AnyOf, node.OneOf])
        {
            if (alternatives is { Length: > 0 })
            {
                Collect(alternatives[random.Next(alternatives.Length)], random, parts, level + 1);
            }
        }
    }

    private static JsonTypes PickType(Shape shape, Random random)
    {
        var types = shape.Types;
        // Without a type, the other keywords say what the value is meant to be.
        if (types == JsonTypes.Any)
        {
            types = shape.Properties.Count > 0 || shape.Required.Count > 0 ? JsonTypes.Object
                : shape.Items is not null || shape.PrefixItems is not null ? JsonTypes.Array
                : shape.Minimum is not null || shape.Maximum is not null ? JsonTypes.Number
                : JsonTypes.String;
        }

        // A nullable field is usually filled in.
        if ((types & ~JsonTypes.Null) != 0 && random.NextDouble() < 0.85)
        {
            types &= ~JsonTypes.Null;
        }

        // "number" is compiled as number | integer: one candidate, written with a fraction.
        if ((types & JsonTypes.Number) != 0)
        {
            types &= ~JsonTypes.Integer;
        }

        Span<JsonTypes> candidates = stackalloc JsonTypes[7];
        var count = 0;
        foreach (var type in (ReadOnlySpan<JsonTypes>)[JsonTypes.Object, JsonTypes.Array, JsonTypes.String, JsonTypes.Integer, JsonTypes.Number, JsonTypes.Boolean, JsonTypes.Null])
        {
            if ((types & type) != 0)
            {
                candidates[count++] = type;
            }
        }

        return count == 0 ? JsonTypes.None : candidates[random.Next(count)];
    }

    private static ObjectNode Object(Shape shape, Random random, int depth)
    {
        var result = new ObjectNode();
        var max = shape.MaxProperties ?? int.MaxValue;
        foreach (var (name, schema) in shape.Properties)
        {
            var required = shape.Required.Contains(name);
            if (required || (depth < ShallowDepth && result.Count < max - shape.Required.Count && random.NextDouble() < OptionalMemberChance))
            {
                result.Set(name, Value(schema, name, random, depth + 1));
            }
        }

        var extra = shape.AdditionalProperties ?? SchemaNode.Anything;
        foreach (var name in shape.Required)
        {
            if (!result.TryGetValue(name, out _))
            {
                result.Set(name, Value(extra, name, random, depth + 1));
            }
        }

        for (var i = 1; result.Count < (shape.MinProperties ?? 0) && !extra.Nothing; i++)
        {
            var name = $"note{i}";
            if (!result.TryGetValue(name, out _))
            {
                result.Set(name, Value(extra, name, random, depth + 1));
            }
        }

        return result;
    }

    private static ArrayNode Array(Shape shape, Random random, int depth)
    {
        var result = new ArrayNode();
        var prefix = shape.PrefixItems ?? [];
        var items = shape.Items ?? SchemaNode.Anything;
        var min = shape.MinItems ?? 0;
        var max = Math.Min(shape.MaxItems ?? int.MaxValue, items.Nothing ? prefix.Length : int.MaxValue);
        var count = depth < ShallowDepth ? Math.Max(min, Math.Max(prefix.Length, random.Next(1, 5))) : Math.Max(min, 0);
        count = Math.Min(count, max);
        for (var i = 0; i < count; i++)
        {
            var schema = i < prefix.Length ? prefix[i] : items;
            var item = Value(schema, null, random, depth + 1);
            // A few tries for a value not already in a uniqueItems array; the final check catches the rest.
            for (var retry = 0; shape.UniqueItems && retry < 10 && Contains(result, item); retry++)
            {
                item = Value(schema, null, random, depth + 1);
            }

            result.Add(item);
        }

        return result;
    }

    private static bool Contains(ArrayNode array, DocumentNode item)
    {
        foreach (var existing in array.Items)
        {
            if (DocumentNode.DeepEquals(existing, item))
            {
                return true;
            }
        }

        return false;
    }

    private static LiteralNode Number(Shape shape, Random random, bool integer)
    {
        var low = shape.Minimum ?? (shape.ExclusiveMinimum is { } el ? el + (integer ? 1 : 0.01m) : (decimal?)null);
        var high = shape.Maximum ?? (shape.ExclusiveMaximum is { } eh ? eh - (integer ? 1 : 0.01m) : (decimal?)null);
        var lo = low ?? (high is { } h ? h - 1000 : 0);
        var hi = high ?? lo + 1000;
        if (shape.MultipleOf is { } step && step > 0)
        {
            var first = Math.Ceiling(lo / step);
            var last = Math.Floor(hi / step);
            var k = last < first ? first : first + (decimal)random.NextInt64(0, (long)Math.Min(last - first, long.MaxValue - 1) + 1);
            return LiteralNode.Number((k * step).ToString(CultureInfo.InvariantCulture));
        }

        if (integer)
        {
            var from = (long)Math.Ceiling(lo);
            var to = (long)Math.Floor(hi);
            return LiteralNode.Number((to < from ? from : random.NextInt64(from, to + 1)).ToString(CultureInfo.InvariantCulture));
        }

        var value = Math.Round(lo + ((hi - lo) * (decimal)random.NextDouble()), 2);
        value = Math.Clamp(value, lo, hi);
        return LiteralNode.Number(value.ToString(CultureInfo.InvariantCulture));
    }

    private static string String(Shape shape, string? name, Random random)
    {
        var min = shape.MinLength ?? 0;
        var max = shape.MaxLength ?? int.MaxValue;
        if (shape.Format is { } format && FormatSamples.TrySample(format, random, name) is { } formatted)
        {
            return formatted;
        }

        if (shape.Pattern is { } pattern)
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (PatternSampler.TrySample(pattern.ToString(), random) is { } sample && pattern.IsMatch(sample)
                    && sample.Length >= min && sample.Length <= max)
                {
                    return sample;
                }
            }
        }

        return SampleText.ForName(name, random, min, max);
    }
}
