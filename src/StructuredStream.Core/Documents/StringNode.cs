using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>A JSON string that can grow: appends are amortized O(1) per character.</summary>
public sealed class StringNode : DocumentNode
{
    // A node's buffer is its own; a slice (see Slice) borrows another node's from _start on and never writes through it:
    // the first append copies the text into a buffer of its own. An offset rather than a ReadOnlyMemory keeps the node
    // at 40 bytes: a stream makes one per patch event.
    private const int OwnBuffer = -1;

    private string? _value;
    private char[]? _chars;
    private int _start = OwnBuffer;
    private int _length;

    /// <summary>Creates a string node with an initial value.</summary>
    public StringNode(string value = "")
    {
        _value = value;
        _length = value.Length;
    }

    private StringNode(char[] borrowed, int start, int length)
    {
        _chars = borrowed;
        _start = start;
        _length = length;
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

        if (_chars is null || _start != OwnBuffer || _chars.Length - _length < text.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        _value = null;
    }

    /// <summary>The characters so far, without allocating.</summary>
    public ReadOnlySpan<char> AsSpan() =>
        _chars is null ? _value.AsSpan() : _chars.AsSpan(_start == OwnBuffer ? 0 : _start, _length);

    /// <summary>Returns the part of the string from <paramref name="start"/> to its current end.</summary>
    public string Substring(int start) => start == 0 ? Value : new string(AsSpan()[start..]);

    /// <summary>
    /// A new node holding the text from <paramref name="start"/> to the current end, sharing this node's buffer
    /// instead of copying it. Safe because a node never rewrites the characters it holds: appends go past the end,
    /// and growing moves to a new buffer, leaving the old one as it was.
    /// </summary>
    internal StringNode Slice(int start)
    {
        if (_chars is null)
        {
            // Only a node that was never appended to holds a string; its text was not the stream's to share.
            return new StringNode(_value![start..]);
        }

        return new StringNode(_chars, (_start == OwnBuffer ? 0 : _start) + start, _length - start);
    }

    /// <summary>The whole string so far.</summary>
    public string Value => _value ??= new string(AsSpan());

    /// <inheritdoc />
    public override DocumentNode DeepClone() => new StringNode(Value);

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(AsSpan());

    private void Grow(int needed)
    {
        // Doubling keeps appends amortized O(1); the first growth copies the initial or borrowed text into the buffer.
        var owned = _start == OwnBuffer ? _chars?.Length ?? _length : _length;
        var capacity = Math.Max(Math.Max(16, _length + needed), owned * 2);
        var chars = new char[capacity];
        AsSpan().CopyTo(chars);
        _chars = chars;
        _start = OwnBuffer;
    }
}
