namespace StructuredStream.Documents;

/// <summary>The JSON type of a <see cref="DocumentNode"/>.</summary>
public enum DocumentNodeKind : byte
{
    /// <summary>JSON <c>null</c>.</summary>
    Null,
    /// <summary>JSON <c>true</c>.</summary>
    True,
    /// <summary>JSON <c>false</c>.</summary>
    False,
    /// <summary>A number, kept as its exact text.</summary>
    Number,
    /// <summary>A string, which may still be growing.</summary>
    String,
    /// <summary>An array.</summary>
    Array,
    /// <summary>An object whose members keep their insertion order.</summary>
    Object,
}
