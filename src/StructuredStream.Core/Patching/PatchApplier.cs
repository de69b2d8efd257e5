using StructuredStream.Documents;

namespace StructuredStream.Patching;

/// <summary>Applies JSON Patch (RFC 6902) and the <c>append</c> extension to a <see cref="DocumentNode"/>.</summary>
public static class PatchApplier
{
    /// <summary>
    /// Applies operations in order. Containers are changed in place; the returned node is the new root (an operation
    /// on <c>""</c> replaces it). Values are copied in, so the operations stay unchanged and can be applied again.
    /// </summary>
    /// <exception cref="PatchException">An operation cannot be applied; earlier ones have been.</exception>
    public static DocumentNode Apply(DocumentNode document, IEnumerable<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            document = Apply(document, operation);
        }

        return document;
    }

    /// <summary>Applies one operation; see <see cref="Apply(DocumentNode, IEnumerable{PatchOperation})"/>.</summary>
    public static DocumentNode Apply(DocumentNode document, PatchOperation operation)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operation);
        var path = JsonPointer.Parse(operation.Path);
        switch (operation.Op)
        {
            case PatchOperationKind.Add:
                return Add(document, path, RequireValue(operation).DeepClone(), operation.Path);
            case PatchOperationKind.Remove:
                Get(document, path, operation.Path);
                return Remove(document, path, operation.Path);
            case PatchOperationKind.Replace:
                return Replace(document, path, RequireValue(operation).DeepClone(), operation.Path);
            case PatchOperationKind.Move:
            {
                var fromPath = RequireFrom(operation);
                if (operation.From == operation.Path)
                {
                    Get(document, fromPath, operation.From!);
                    return document;
                }

                // Spec: RFC 6902 section 4.4, "The 'from' location MUST NOT be a proper prefix of the 'path' location".
                if (operation.Path.StartsWith(operation.From + "/", StringComparison.Ordinal))
                {
                    throw new PatchException($"Cannot move '{operation.From}' into its own child '{operation.Path}'.");
                }

                var value = Get(document, fromPath, operation.From!);
                return Add(Remove(document, fromPath, operation.From!), path, value, operation.Path);
            }

            case PatchOperationKind.Copy:
            {
                var value = Get(document, RequireFrom(operation), operation.From!).DeepClone();
                return Add(document, path, value, operation.Path);
            }

            case PatchOperationKind.Test:
                if (!DocumentNode.DeepEquals(Get(document, path, operation.Path), RequireValue(operation)))
                {
                    throw new PatchException($"Test failed: the value at '{operation.Path}' differs.");
                }

                return document;
            case PatchOperationKind.Append:
                if (Get(document, path, operation.Path) is not StringNode target)
                {
                    throw new PatchException($"Cannot append to '{operation.Path}': it is not a string.");
                }

                if (operation.Value is not StringNode suffix)
                {
                    throw new PatchException($"The value of an append at '{operation.Path}' must be a string.");
                }

                target.Append(suffix.AsSpan());
                return document;
            default:
                throw new PatchException($"Unknown operation {operation.Op}.");
        }
    }

    private static DocumentNode Add(DocumentNode document, string[] path, DocumentNode value, string pointer)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var name = path[^1];
        switch (GetParent(document, path, pointer))
        {
            case ObjectNode obj:
                obj.Set(name, value);
                break;
            case ArrayNode array:
                if (name == "-")
                {
                    array.Add(value);
                }
                else if (JsonPointer.TryParseIndex(name, out var index) && index <= array.Count)
                {
                    array.Insert(index, value);
                }
                else
                {
                    throw new PatchException($"Cannot add at '{pointer}': '{name}' is not an index from 0 to {array.Count} or '-'.");
                }

                break;
            default:
                throw new PatchException($"Cannot add at '{pointer}': its parent is not an object or an array.");
        }

        return document;
    }

    private static DocumentNode Replace(DocumentNode document, string[] path, DocumentNode value, string pointer)
    {
        if (path.Length == 0)
        {
            return value;
        }

        // In place, so a replaced member keeps its position in the object.
        var name = path[^1];
        switch (GetParent(document, path, pointer))
        {
            case ObjectNode obj when obj.TryGetValue(name, out _):
                obj.Set(name, value);
                return document;
            case ArrayNode array when JsonPointer.TryParseIndex(name, out var index) && index < array.Count:
                array[index] = value;
                return document;
            default:
                throw new PatchException($"Cannot replace '{pointer}': there is no value there.");
        }
    }

    private static DocumentNode Remove(DocumentNode document, string[] path, string pointer)
    {
        if (path.Length == 0)
        {
            return LiteralNode.Null;
        }

        var name = path[^1];
        switch (GetParent(document, path, pointer))
        {
            case ObjectNode obj when obj.Remove(name):
                return document;
            case ArrayNode array when JsonPointer.TryParseIndex(name, out var index) && index < array.Count:
                array.RemoveAt(index);
                return document;
            default:
                throw new PatchException($"Cannot remove '{pointer}': there is no value there.");
        }
    }

    private static DocumentNode GetParent(DocumentNode document, string[] path, string pointer) =>
        Walk(document, path.AsSpan(0, path.Length - 1), pointer);

    private static DocumentNode Get(DocumentNode document, string[] path, string pointer) => Walk(document, path, pointer);

    private static DocumentNode Walk(DocumentNode node, ReadOnlySpan<string> path, string pointer) =>
        JsonPointer.TryResolve(node, path, out var value) ? value : throw new PatchException($"'{pointer}' does not point to a value in the document.");

    private static DocumentNode RequireValue(PatchOperation operation) =>
        operation.Value ?? throw new PatchException($"The '{PatchOperation.WireName(operation.Op)}' at '{operation.Path}' has no value.");

    private static string[] RequireFrom(PatchOperation operation) =>
        JsonPointer.Parse(operation.From ?? throw new PatchException($"The '{PatchOperation.WireName(operation.Op)}' at '{operation.Path}' has no 'from'."));
}
