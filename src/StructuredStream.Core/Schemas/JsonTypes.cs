namespace StructuredStream.Schemas;

/// <summary>The JSON Schema instance types a <c>type</c> keyword allows.</summary>
[Flags]
public enum JsonTypes : byte
{
    /// <summary>No type.</summary>
    None = 0,
    /// <summary><c>null</c>.</summary>
    Null = 1,
    /// <summary><c>boolean</c>.</summary>
    Boolean = 2,
    /// <summary><c>object</c>.</summary>
    Object = 4,
    /// <summary><c>array</c>.</summary>
    Array = 8,
    /// <summary><c>number</c>, which includes integers.</summary>
    Number = 16,
    /// <summary><c>integer</c>: a number whose fractional part is zero.</summary>
    Integer = 32,
    /// <summary><c>string</c>.</summary>
    String = 64,
    /// <summary>Every type: the schema has no <c>type</c> keyword.</summary>
    Any = Null | Boolean | Object | Array | Number | Integer | String,
}
