namespace StructuredStream.Patching;

/// <summary>A JSON Patch operation: the six of RFC 6902 and our <c>append</c> extension.</summary>
public enum PatchOperationKind : byte
{
    /// <summary><c>add</c>.</summary>
    Add,
    /// <summary><c>remove</c>.</summary>
    Remove,
    /// <summary><c>replace</c>.</summary>
    Replace,
    /// <summary><c>move</c>.</summary>
    Move,
    /// <summary><c>copy</c>.</summary>
    Copy,
    /// <summary><c>test</c>.</summary>
    Test,
    /// <summary><c>append</c>: concatenates <c>value</c> (a string) to the string at <c>path</c>. Not RFC 6902.</summary>
    Append,
}
