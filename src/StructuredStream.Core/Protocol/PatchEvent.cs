using StructuredStream.Patching;

namespace StructuredStream.Protocol;

/// <summary><c>patch</c>: operations that take the client's partial object to the server's at this seq.</summary>
public sealed record PatchEvent(IReadOnlyList<PatchOperation> Ops) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "patch";
}
