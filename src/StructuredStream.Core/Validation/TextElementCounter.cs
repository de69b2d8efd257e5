using System.Buffers;
using System.Globalization;

namespace StructuredStream.Validation;

/// <summary>
/// Counts the text elements (extended grapheme clusters, as <see cref="StringInfo"/> finds them) of a string that arrives
/// in segments, in one pass: the last element may still grow with the next segment, so its text is kept until the next
/// element starts. An element longer than <see cref="MaxPending"/> characters (hundreds of combining marks) makes the
/// count unknown rather than re-read each time: a caller then checks nothing, which never reports a false violation.
/// </summary>
internal sealed class TextElementCounter
{
    private const int MaxPending = 256;

    /// <summary>Printable ASCII, tab and LF.</summary>
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\t\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private char[] _buffer = new char[64];
    private int _pending;
    private int _complete;

    /// <summary>Whether <see cref="Count"/> is known.</summary>
    public bool IsKnown { get; private set; } = true;

    /// <summary>The text elements so far, the last one counted though it may still grow.</summary>
    public int Count => _complete + (_pending > 0 ? 1 : 0);

    /// <summary>Starts a new string.</summary>
    public void Reset()
    {
        _pending = 0;
        _complete = 0;
        IsKnown = true;
    }

    /// <summary>Adds the next segment of the string.</summary>
    public void Append(ReadOnlySpan<char> segment)
    {
        if (!IsKnown || segment.IsEmpty)
        {
            return;
        }

        // Printable ASCII and tab or LF: every character is an element of its own and extends none before it (only CR
        // joins the LF after it, and no ASCII character is an extender), so they are counted without segmentation.
        if (IsPlainAscii(segment) && (_pending == 0 || IsPlainAscii(_buffer.AsSpan(0, _pending))))
        {
            _complete += (_pending > 0 ? 1 : 0) + segment.Length - 1;
            _buffer[0] = segment[^1];
            _pending = 1;
            return;
        }

        var length = _pending + segment.Length;
        if (_buffer.Length < length)
        {
            Array.Resize(ref _buffer, Math.Max(length, _buffer.Length * 2));
        }

        segment.CopyTo(_buffer.AsSpan(_pending));
        var text = _buffer.AsSpan(0, length);
        var start = 0;
        while (true)
        {
            var element = StringInfo.GetNextTextElementLength(text[start..]);
            if (start + element == length)
            {
                break;
            }

            _complete++;
            start += element;
        }

        _pending = length - start;
        if (_pending > MaxPending)
        {
            IsKnown = false;
            return;
        }

        text[start..].CopyTo(_buffer);
    }

    private static bool IsPlainAscii(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(PlainAscii) < 0;
}
