namespace StructuredStream.Validation;

/// <summary>How a <see cref="SchemaCheck"/> relates to its parent, which decides what its failure means.</summary>
internal enum CheckLink : byte
{
    /// <summary>The root schema against the root value: its failure is a violation.</summary>
    Root,

    /// <summary>A member or item against the schema its container's schema gives it: must hold.</summary>
    Child,

    /// <summary>The same value against an <c>allOf</c> entry or a <c>$ref</c> target: must hold.</summary>
    AllOf,

    /// <summary>The same value against one <c>anyOf</c> alternative: the parent fails when every alternative has.</summary>
    AnyOf,

    /// <summary>The same value against one <c>oneOf</c> alternative: the parent fails when every alternative has.</summary>
    OneOf,
}
