using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>A JSON string that can grow: appends are amortized O(1) per character.</summary>
public sealed class StringNode : DocumentNode
{
    private string? _value;
    private char[]? _chars;
    private int _length;

    /// <summary>
    /// Text borrowed from another node's buffer (see <see cref="Slice"/>). Never written through: the first append
    /// copies it into a buffer of this node's own.
    /// </summary>
    private ReadOnlyMemory<char> _borrowed;

    /// <summary>Creates a string node with an initial value.</summary>
    public StringNode(string value = "")
    {
        _value = value;
        _length = value.Length;
    }

    private StringNode(ReadOnlyMemory<char> borrowed)
    {
        _borrowed = borrowed;
        _length = borrowed.Length;
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
    public ReadOnlySpan<char> AsSpan() =>
        _chars is not null ? _chars.AsSpan(0, _length) : _value is not null ? _value.AsSpan() : _borrowed.Span;

    /// <summary>Returns the part of the string from <paramref name="start"/> to its current end.</summary>
    public string Substring(int start) => start == 0 ? Value : new string(AsSpan()[start..]);

    /// <summary>
    /// A new node holding the text from <paramref name="start"/> to the current end, sharing this node's buffer
    /// instead of copying it. Safe because a node never rewrites the characters it holds: appends go past the end,
    /// and growing moves to a new buffer, leaving the old one as it was.
    /// </summary>
    internal StringNode Slice(int start)
    {
        var length = _length - start;
        if (_chars is not null)
        {
            return new StringNode(_chars.AsMemory(start, length));
        }

        return _value is not null ? new StringNode(_value.AsMemory(start, length)) : new StringNode(_borrowed.Slice(start, length));
    }

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
        _borrowed = default;
    }
}
