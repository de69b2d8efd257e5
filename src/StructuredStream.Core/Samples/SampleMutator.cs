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
        // A change to a value inside the document first, from a point the seed picks, so that some of the document
        // streams before the violation; then changes to containers; the root's type last.
        var leaves = new List<Candidate>();
        var containers = new List<Candidate>();
        Collect(valid, "", leaves, containers);
        var start = leaves.Count == 0 ? 0 : new Random(seed).Next(leaves.Count);
        List<Candidate> candidates = [.. leaves[start..], .. leaves[..start], .. containers];
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

    /// <summary>Adds the changes of <paramref name="node"/> and below; a container's own changes after its members'.</summary>
    private static void Collect(DocumentNode node, string path, List<Candidate> leaves, List<Candidate> containers)
    {
        var typeChange = new Candidate(path, "type", root => Replace(root, path, OtherType(Find(root, path))));
        switch (node)
        {
            case ObjectNode obj:
                foreach (var (name, value) in obj.Members)
                {
                    Collect(value, JsonPointer.Append(path, name), leaves, containers);
                    containers.Add(new Candidate(path, "missing member", root =>
                    {
                        ((ObjectNode)Find(root, path)).Remove(name);
                        return root;
                    }));
                }

                containers.Add(new Candidate(path, "extra member", root =>
                {
                    ((ObjectNode)Find(root, path)).Set("unexpectedMember", LiteralNode.True);
                    return root;
                }));
                containers.Add(typeChange);
                break;
            case ArrayNode array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], JsonPointer.Append(path, i), leaves, containers);
                }

                containers.Add(typeChange);
                break;
            default:
                leaves.Add(typeChange);
                break;
        }
    }

    private sealed record Candidate(string Path, string Change, Func<DocumentNode, DocumentNode> Apply);

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
