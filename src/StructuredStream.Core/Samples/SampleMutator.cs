using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Schemas;

namespace StructuredStream.Samples;

/// <summary>
/// Makes a valid document invalid with one change: a value of another type, an extra member or a missing one. The
/// simulated model's <c>violation</c> scenario and the property tests of early detection use it.
/// </summary>
public sealed class SampleMutator
{
    private readonly CompiledSchema _schema;

    /// <summary>Creates a mutator for documents of <paramref name="schema"/>.</summary>
    public SampleMutator(CompiledSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    /// <summary>
    /// The first change, in an order chosen by <paramref name="seed"/>, after which <paramref name="valid"/> fails the
    /// schema; null when no single change does (a schema that accepts anything).
    /// </summary>
    public SampleMutation? Mutate(DocumentNode valid, int seed)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var candidates = new List<(string Path, string Change, Func<DocumentNode, DocumentNode> Apply)>();
        Collect(valid, "", candidates);
        // A change to a value inside the document first, from a point the seed picks, so that some of the document
        // streams before the violation; then changes to containers; the root's type last.
        var leaves = candidates.FindAll(c => c.Change == "type" && IsLeaf(valid, c.Path));
        var rest = candidates.FindAll(c => !(c.Change == "type" && IsLeaf(valid, c.Path)) && c.Path.Length > 0);
        var root = candidates.FindAll(c => c.Path.Length == 0 && c.Change == "type");
        var start = leaves.Count == 0 ? 0 : new Random(seed).Next(leaves.Count);
        candidates = [.. leaves[start..], .. leaves[..start], .. rest, .. candidates.FindAll(c => c.Path.Length == 0 && c.Change != "type"), .. root];
        foreach (var (path, change, apply) in candidates)
        {
            var mutated = apply(valid.DeepClone());
            if (_schema.Final.Validate(mutated).Count > 0)
            {
                return new SampleMutation(mutated, path, change);
            }
        }

        return null;
    }

    private static void Collect(DocumentNode node, string path, List<(string, string, Func<DocumentNode, DocumentNode>)> candidates)
    {
        candidates.Add((path, "type", root => Replace(root, path, OtherType(Find(root, path)))));
        switch (node)
        {
            case ObjectNode obj:
                candidates.Add((path, "extra member", root =>
                {
                    ((ObjectNode)Find(root, path)).Set("unexpectedMember", LiteralNode.True);
                    return root;
                }));
                foreach (var (name, value) in obj.Members)
                {
                    var member = JsonPointer.Append(path, name);
                    candidates.Add((path, "missing member", root =>
                    {
                        ((ObjectNode)Find(root, path)).Remove(name);
                        return root;
                    }));
                    Collect(value, member, candidates);
                }

                break;
            case ArrayNode array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], JsonPointer.Append(path, i), candidates);
                }

                break;
        }
    }

    private static bool IsLeaf(DocumentNode root, string path) =>
        Find(root, path).Kind is not (DocumentNodeKind.Object or DocumentNodeKind.Array);

    private static DocumentNode OtherType(DocumentNode node) => node.Kind switch
    {
        DocumentNodeKind.String => LiteralNode.Number("12345"),
        DocumentNodeKind.Number => new StringNode("twelve"),
        DocumentNodeKind.True or DocumentNodeKind.False => new StringNode("yes"),
        DocumentNodeKind.Null => LiteralNode.False,
        _ => LiteralNode.Number("0"),
    };

    private static DocumentNode Find(DocumentNode root, string path)
    {
        var node = root;
        foreach (var token in JsonPointer.Parse(path))
        {
            node = node switch
            {
                ObjectNode obj when obj.TryGetValue(token, out var value) => value,
                ArrayNode array => array[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)],
                _ => throw new InvalidOperationException($"No value at '{path}'."),
            };
        }

        return node;
    }

    private static DocumentNode Replace(DocumentNode root, string path, DocumentNode value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var parent = Find(root, path[..path.LastIndexOf('/')]);
        var last = JsonPointer.Parse(path)[^1];
        switch (parent)
        {
            case ObjectNode obj:
                obj.Set(last, value);
                break;
            case ArrayNode array:
                var index = int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
                array.RemoveAt(index);
                array.Insert(index, value);
                break;
        }

        return root;
    }
}
