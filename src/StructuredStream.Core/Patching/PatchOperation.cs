using StructuredStream.Documents;

namespace StructuredStream.Patching;

/// <summary>One JSON Patch operation.</summary>
/// <param name="Op">The operation.</param>
/// <param name="Path">A JSON Pointer to the target.</param>
/// <param name="Value">The value for <c>add</c>, <c>replace</c>, <c>test</c> and <c>append</c> (a string).</param>
/// <param name="From">The source pointer for <c>move</c> and <c>copy</c>.</param>
public sealed record PatchOperation(PatchOperationKind Op, string Path, DocumentNode? Value = null, string? From = null)
{
    /// <summary>The wire name of an operation, such as <c>add</c>.</summary>
    public static string WireName(PatchOperationKind kind) => kind switch
    {
        PatchOperationKind.Add => "add",
        PatchOperationKind.Remove => "remove",
        PatchOperationKind.Replace => "replace",
        PatchOperationKind.Move => "move",
        PatchOperationKind.Copy => "copy",
        PatchOperationKind.Test => "test",
        PatchOperationKind.Append => "append",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The operation named by a wire name.</summary>
    public static bool TryParseWireName(string name, out PatchOperationKind kind)
    {
        switch (name)
        {
            case "add": kind = PatchOperationKind.Add; return true;
            case "remove": kind = PatchOperationKind.Remove; return true;
            case "replace": kind = PatchOperationKind.Replace; return true;
            case "move": kind = PatchOperationKind.Move; return true;
            case "copy": kind = PatchOperationKind.Copy; return true;
            case "test": kind = PatchOperationKind.Test; return true;
            case "append": kind = PatchOperationKind.Append; return true;
            default: kind = default; return false;
        }
    }
}
