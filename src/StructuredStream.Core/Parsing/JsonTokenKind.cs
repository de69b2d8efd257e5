namespace StructuredStream.Parsing;

/// <summary>What an <see cref="IncrementalJsonParser"/> token stands for.</summary>
public enum JsonTokenKind : byte
{
    /// <summary>No token.</summary>
    None,
    /// <summary><c>{</c>.</summary>
    StartObject,
    /// <summary><c>}</c>, or an object closed because the input ended.</summary>
    EndObject,
    /// <summary><c>[</c>.</summary>
    StartArray,
    /// <summary><c>]</c>, or an array closed because the input ended.</summary>
    EndArray,
    /// <summary>A whole, decoded member name; names never arrive in parts.</summary>
    PropertyName,
    /// <summary>The opening quote of a string value.</summary>
    StringStart,
    /// <summary>Decoded characters of the string value being read; never ends inside a surrogate pair.</summary>
    StringSegment,
    /// <summary>The closing quote of a string value.</summary>
    StringEnd,
    /// <summary>A whole number, with its exact text.</summary>
    Number,
    /// <summary><c>true</c>.</summary>
    True,
    /// <summary><c>false</c>.</summary>
    False,
    /// <summary><c>null</c>.</summary>
    Null,
}
