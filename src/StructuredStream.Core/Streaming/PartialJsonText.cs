using StructuredStream.Documents;
using StructuredStream.Patching;

namespace StructuredStream.Streaming;

/// <summary>
/// The JSON text of a partial object with its unfinished values left open: the text a model wrote so far, as far as
/// the object keeps it, which the model (or a parser) can go on from. A value is unfinished when it is a string, an
/// object or an array whose path was never marked complete; those form one chain from the root down the last member
/// at each level, so leaving them open means dropping their closing characters from the end of the text.
/// </summary>
public static class PartialJsonText
{
    /// <summary>The text of <paramref name="document"/> with the values not in <paramref name="completedPaths"/> left open.</summary>
    public static string Of(DocumentNode document, IReadOnlySet<string> completedPaths)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(completedPaths);
        var open = 0;
        var node = document;
        var path = "";
        while (!completedPaths.Contains(path))
        {
            switch (node)
            {
                case StringNode:
                    open++;
                    break;
                case ObjectNode { Count: > 0 } obj:
                    open++;
                    var (name, value) = obj.Members[^1];
                    (node, path) = (value, JsonPointer.Append(path, name));
                    continue;
                case ArrayNode { Count: > 0 } array:
                    open++;
                    (node, path) = (array[^1], JsonPointer.Append(path, array.Count - 1));
                    continue;
                case ObjectNode or ArrayNode:
                    open++;
                    break;
            }

            break;
        }

        // Each open value ends with one closing character (a quote or a bracket), the innermost last but one.
        var text = document.ToJsonString();
        return text[..^open];
    }
}
