using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>A JSON string that can grow: appends are amortized O(1) per character.</summary>
public sealed class StringNode : DocumentNode
{
    private string? _value;
    private char[]? _chars;
    private int _length;

    /// <summary>Creates a string node with an initial value.</summary>
    public StringNode(string value = "")
    {
        _value = value;
        _length = value.Length;
    }

    /// <inheritdoc />
    public override DocumentNodeKind Kind => DocumentNodeKind.String;

    /// <summary>The number of UTF-16 code units so far.</summary>
    public int Length => _length;

    /// <summary>Appends text to the end of the string.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (_chars is null || _chars.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        _value = null;
    }

    /// <summary>The characters so far, without allocating.</summary>
    public ReadOnlySpan<char> AsSpan() => _chars is null ? (_value ?? string.Empty).AsSpan() : _chars.AsSpan(0, _length);

    /// <summary>Returns the part of the string from <paramref name="start"/> to its current end.</summary>
    public string Substring(int start) => start == 0 ? Value : new string(AsSpan()[start..]);

    /// <summary>The whole string so far.</summary>
    public string Value => _value ??= new string(AsSpan());

    /// <inheritdoc />
    public override DocumentNode DeepClone() => new StringNode(Value);

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(AsSpan());

    private void Grow(int needed)
    {
        // Doubling keeps appends amortized O(1); the first growth copies the initial value into the buffer.
        var capacity = Math.Max(Math.Max(16, _length + needed), (_chars?.Length ?? _length) * 2);
        var chars = new char[capacity];
        AsSpan().CopyTo(chars);
        _chars = chars;
    }
}
