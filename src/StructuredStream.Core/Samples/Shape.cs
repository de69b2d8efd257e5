using StructuredStream.Documents;
using StructuredStream.Schemas;

namespace StructuredStream.Samples;

/// <summary>The keywords of several subschemas that must all hold, merged: what one sampled value must satisfy.</summary>
internal sealed class Shape
{
    public bool Nothing { get; private set; }

    public JsonTypes Types { get; private set; } = JsonTypes.Any;

    public DocumentNode[]? Enum { get; private set; }

    public Dictionary<string, SchemaNode> Properties { get; } = new(StringComparer.Ordinal);

    public List<string> Required { get; } = [];

    public SchemaNode? AdditionalProperties { get; private set; }

    public int? MinProperties { get; private set; }

    public int? MaxProperties { get; private set; }

    public SchemaNode[]? PrefixItems { get; private set; }

    public SchemaNode? Items { get; private set; }

    public int? MinItems { get; private set; }

    public int? MaxItems { get; private set; }

    public bool UniqueItems { get; private set; }

    public int? MinLength { get; private set; }

    public int? MaxLength { get; private set; }

    public System.Text.RegularExpressions.Regex? Pattern { get; private set; }

    public string? Format { get; private set; }

    public decimal? Minimum { get; private set; }

    public decimal? Maximum { get; private set; }

    public decimal? ExclusiveMinimum { get; private set; }

    public decimal? ExclusiveMaximum { get; private set; }

    public decimal? MultipleOf { get; private set; }

    public static Shape Of(List<SchemaNode> parts)
    {
        var shape = new Shape();
        foreach (var part in parts)
        {
            shape.Add(part);
        }

        return shape;
    }

    private void Add(SchemaNode node)
    {
        Nothing |= node.Nothing;
        Types &= node.Types;
        if (node.Enum is not null)
        {
            Enum = Enum is null ? node.Enum : System.Array.FindAll(Enum, value => System.Array.Exists(node.Enum, other => DocumentNode.DeepEquals(value, other)));
        }

        foreach (var (name, schema) in node.Properties ?? [])
        {
            // A member constrained by two subschemas must satisfy both.
            Properties[name] = Properties.TryGetValue(name, out var existing)
                ? new SchemaNode(existing.Location) { AllOf = [existing, schema] }
                : schema;
        }

        foreach (var name in node.Required ?? [])
        {
            if (!Required.Contains(name))
            {
                Required.Add(name);
            }
        }

        AdditionalProperties ??= node.AdditionalProperties;
        MinProperties = Max(MinProperties, node.MinProperties);
        MaxProperties = Min(MaxProperties, node.MaxProperties);
        PrefixItems ??= node.PrefixItems;
        Items ??= node.Items;
        MinItems = Max(MinItems, node.MinItems);
        MaxItems = Min(MaxItems, node.MaxItems);
        UniqueItems |= node.UniqueItems;
        MinLength = Max(MinLength, node.MinLength);
        MaxLength = Min(MaxLength, node.MaxLength);
        Pattern ??= node.Pattern;
        Format ??= node.Format;
        Minimum = Max(Minimum, node.Minimum);
        Maximum = Min(Maximum, node.Maximum);
        ExclusiveMinimum = Max(ExclusiveMinimum, node.ExclusiveMinimum);
        ExclusiveMaximum = Min(ExclusiveMaximum, node.ExclusiveMaximum);
        MultipleOf ??= node.MultipleOf;
    }

    private static T? Max<T>(T? left, T? right) where T : struct, IComparable<T> =>
        left is null ? right : right is null ? left : left.Value.CompareTo(right.Value) >= 0 ? left : right;

    private static T? Min<T>(T? left, T? right) where T : struct, IComparable<T> =>
        left is null ? right : right is null ? left : left.Value.CompareTo(right.Value) <= 0 ? left : right;
}
