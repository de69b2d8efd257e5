using System.Text.Json.Nodes;
using StructuredStream.Documents;
using StructuredStream.Patching;

namespace StructuredStream.Client;

/// <summary>
/// Applies the protocol's operations (RFC 6902 and <c>append</c>) to a <see cref="JsonNode"/> tree in place, so each
/// event costs what it changes, not the size of the object.
/// </summary>
internal static class JsonNodePatcher
{
    /// <summary>Applies one operation and returns the (possibly new) root.</summary>
    /// <exception cref="PatchException">The operation does not apply to the document.</exception>
    public static JsonNode? Apply(JsonNode? root, PatchOperation operation)
    {
        var path = JsonPointer.Parse(operation.Path);
        switch (operation.Op)
        {
            case PatchOperationKind.Add:
                return Add(root, path, ToNode(operation.Value), operation.Path);
            case PatchOperationKind.Remove:
                return Remove(root, path, operation.Path, out _);
            case PatchOperationKind.Replace:
                Get(root, path, operation.Path);
                return Add(path.Length == 0 ? null : Remove(root, path, operation.Path, out _), path, ToNode(operation.Value), operation.Path);
            case PatchOperationKind.Move:
                var from = JsonPointer.Parse(operation.From!);
                if (operation.Path.StartsWith(operation.From! + "/", StringComparison.Ordinal))
                {
                    throw new PatchException($"Cannot move '{operation.From}' into its own child '{operation.Path}'.");
                }

                root = Remove(root, from, operation.From!, out var moved);
                return Add(root, path, moved, operation.Path);
            case PatchOperationKind.Copy:
                var copy = Get(root, JsonPointer.Parse(operation.From!), operation.From!)?.DeepClone();
                return Add(root, path, copy, operation.Path);
            case PatchOperationKind.Test:
                if (!JsonNode.DeepEquals(Get(root, path, operation.Path), ToNode(operation.Value)))
                {
                    throw new PatchException($"Test failed: the value at '{operation.Path}' is not {operation.Value?.ToJsonString() ?? "null"}.");
                }

                return root;
            case PatchOperationKind.Append:
                var current = Get(root, path, operation.Path);
                if (current is not JsonValue value || !value.TryGetValue<string>(out var text) || operation.Value is not StringNode more)
                {
                    throw new PatchException($"Cannot append to '{operation.Path}': append needs a string there and a string value.");
                }

                var grown = JsonValue.Create(string.Concat(text, more.AsSpan()));
                return path.Length == 0 ? grown : Set(root, path, grown, operation.Path);
            default:
                throw new PatchException($"'{operation.Op}' is not an operation this client knows.");
        }
    }

    private static JsonNode? ToNode(DocumentNode? value) =>
        value is null ? null : JsonNode.Parse(value.ToJsonString());

    private static JsonNode? Add(JsonNode? root, string[] path, JsonNode? value, string pointer)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var parent = Get(root, path.AsSpan(0, path.Length - 1), pointer);
        var last = path[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when JsonPointer.TryParseIndex(last, out var index) && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw new PatchException($"Cannot add at '{pointer}': its parent is not an object or an array with that index.");
        }

        return root;
    }

    private static JsonNode? Set(JsonNode? root, string[] path, JsonNode? value, string pointer)
    {
        var parent = Get(root, path.AsSpan(0, path.Length - 1), pointer);
        var last = path[^1];
        if (parent is JsonObject obj)
        {
            obj[last] = value;
        }
        else if (parent is JsonArray array && JsonPointer.TryParseIndex(last, out var index) && index < array.Count)
        {
            array[index] = value;
        }
        else
        {
            throw new PatchException($"'{pointer}' does not exist.");
        }

        return root;
    }

    private static JsonNode? Remove(JsonNode? root, string[] path, string pointer, out JsonNode? removed)
    {
        if (path.Length == 0)
        {
            removed = root;
            return null;
        }

        var parent = Get(root, path.AsSpan(0, path.Length - 1), pointer);
        var last = path[^1];
        if (parent is JsonObject obj && obj.TryGetPropertyValue(last, out removed))
        {
            obj.Remove(last);
        }
        else if (parent is JsonArray array && JsonPointer.TryParseIndex(last, out var index) && index < array.Count)
        {
            removed = array[index];
            array.RemoveAt(index);
        }
        else
        {
            throw new PatchException($"Cannot remove '{pointer}': it does not exist.");
        }

        return root;
    }

    private static JsonNode? Get(JsonNode? root, ReadOnlySpan<string> path, string pointer)
    {
        var node = root;
        foreach (var token in path)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray array when JsonPointer.TryParseIndex(token, out var index) && index < array.Count => array[index],
                _ => throw new PatchException($"'{pointer}' does not exist."),
            };
        }

        return node;
    }
}
