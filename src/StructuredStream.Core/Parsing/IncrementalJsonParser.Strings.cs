using System.Buffers;

namespace StructuredStream.Parsing;

public sealed partial class IncrementalJsonParser
{
    /// <summary>Where the fast scan of a string must stop: quote, backslash, control characters and surrogates.</summary>
    private static readonly SearchValues<char> s_stringStops = SearchValues.Create(BuildStringStops());

    /// <summary>0: no escape; 1: after a backslash; 2 to 5: that many minus two hex digits of a \u escape read.</summary>
    private byte _escape;

    private int _escapeValue;

    /// <summary>A high surrogate waiting for its low half, which may come in the next chunk or the next escape.</summary>
    private char _pendingHighSurrogate;

    /// <summary>A string value closed after a segment was returned: the next token is its end.</summary>
    private bool _stringEndPending;

    private bool ReadStringValue(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        _textLength = 0;
        var text = ScanString(chunk, ref position, isName: false, out var closed);
        if (!text.IsEmpty)
        {
            _stringEndPending = closed;
            token = new JsonToken(JsonTokenKind.StringSegment, text);
            return true;
        }

        if (closed)
        {
            AfterValue();
            token = new JsonToken(JsonTokenKind.StringEnd);
            return true;
        }

        token = default;
        return false;
    }

    private bool ReadPropertyName(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        var text = ScanString(chunk, ref position, isName: true, out var closed);
        CheckTokenLength(closed ? text.Length : _textLength, position);
        if (closed)
        {
            _mode = ParserMode.Colon;
            token = new JsonToken(JsonTokenKind.PropertyName, text);
            return true;
        }

        token = default;
        return false;
    }

    private bool TryTakeStringEnd(out JsonToken token)
    {
        if (!_stringEndPending)
        {
            token = default;
            return false;
        }

        _stringEndPending = false;
        AfterValue();
        token = new JsonToken(JsonTokenKind.StringEnd);
        return true;
    }

    /// <summary>
    /// Scans string content up to the closing quote or the end of the chunk. Returns the decoded text: a slice of the
    /// chunk when nothing needed decoding, else the text buffer. A name keeps accumulating in the buffer across chunks
    /// and is returned only when closed.
    /// </summary>
    private ReadOnlySpan<char> ScanString(ReadOnlySpan<char> chunk, ref int position, bool isName, out bool closed)
    {
        closed = false;
        var buffered = _textLength > 0;
        var runStart = position;
        while (position < chunk.Length)
        {
            if (_escape != 0 || _pendingHighSurrogate != 0)
            {
                AppendText(chunk[runStart..position]);
                buffered = true;
                ReadEscapeOrSurrogateHalf(chunk, ref position);
                runStart = position;
                continue;
            }

            var stop = chunk[position..].IndexOfAny(s_stringStops);
            if (stop < 0)
            {
                position = chunk.Length;
                break;
            }

            position += stop;
            var c = chunk[position];
            if (c == '"')
            {
                closed = true;
                break;
            }

            if (c == '\\')
            {
                AppendText(chunk[runStart..position]);
                buffered = true;
                position++;
                _escape = 1;
                runStart = position;
                continue;
            }

            if (char.IsHighSurrogate(c) && position + 1 < chunk.Length && char.IsLowSurrogate(chunk[position + 1]))
            {
                position += 2;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                // A high half at the end of the chunk waits for its pair; a lone half is repaired or rejected.
                AppendText(chunk[runStart..position]);
                buffered = true;
                position++;
                PushDecoded(c, position - 1);
                runStart = position;
                continue;
            }

            // Spec: RFC 8259 section 7, "All Unicode characters may be placed within the quotation marks, except for
            // the characters that MUST be escaped: quotation mark, reverse solidus, and the control characters".
            if (!_tolerant)
            {
                FailUnexpected(c, position, "an escaped control character");
            }

            Repairs.Record(RepairKind.ControlCharacter, _offsetOfChunk + position);
            position++;
        }

        var run = chunk[runStart..position];
        if (closed)
        {
            position++;
        }

        if (buffered || (isName && !closed))
        {
            AppendText(run);
            return closed || !isName ? _text.AsSpan(0, _textLength) : default;
        }

        return run;
    }

    private void ReadEscapeOrSurrogateHalf(ReadOnlySpan<char> chunk, ref int position)
    {
        if (_escape == 0)
        {
            // A high surrogate is pending: its pair is the next character, raw or escaped.
            var c = chunk[position];
            if (c == '\\')
            {
                position++;
                _escape = 1;
                return;
            }

            var high = _pendingHighSurrogate;
            _pendingHighSurrogate = '\0';
            if (char.IsLowSurrogate(c))
            {
                AppendChar(high);
                AppendChar(c);
                position++;
            }
            else
            {
                LoneSurrogate(position);
            }

            return;
        }

        while (position < chunk.Length && _escape != 0)
        {
            var c = chunk[position++];
            if (_escape > 1)
            {
                var digit = HexValue(c);
                if (digit < 0)
                {
                    FailUnexpected(c, position - 1, "a hex digit of a \\u escape");
                }

                _escapeValue = (_escapeValue << 4) | digit;
                if (++_escape == 6)
                {
                    _escape = 0;
                    PushDecoded((char)_escapeValue, position - 1);
                }

                continue;
            }

            // Spec: RFC 8259 section 7, escape = %x22 / %x5C / %x2F / %x62 / %x66 / %x6E / %x72 / %x74 / %x75 4HEXDIG.
            _escape = 0;
            switch (c)
            {
                case '"' or '\\' or '/':
                    PushDecoded(c, position - 1);
                    break;
                case 'b':
                    PushDecoded('\b', position - 1);
                    break;
                case 'f':
                    PushDecoded('\f', position - 1);
                    break;
                case 'n':
                    PushDecoded('\n', position - 1);
                    break;
                case 'r':
                    PushDecoded('\r', position - 1);
                    break;
                case 't':
                    PushDecoded('\t', position - 1);
                    break;
                case 'u':
                    _escape = 2;
                    _escapeValue = 0;
                    break;
                default:
                    if (!_tolerant)
                    {
                        FailUnexpected(c, position - 1, "a valid escape character");
                    }

                    Repairs.Record(RepairKind.InvalidEscape, _offsetOfChunk + position - 1);
                    PushDecoded(c, position - 1);
                    break;
            }
        }
    }

    /// <summary>Adds a decoded character, pairing surrogate halves.</summary>
    private void PushDecoded(char c, int position)
    {
        if (_pendingHighSurrogate != 0)
        {
            var high = _pendingHighSurrogate;
            _pendingHighSurrogate = '\0';
            if (char.IsLowSurrogate(c))
            {
                AppendChar(high);
                AppendChar(c);
                return;
            }

            LoneSurrogate(position);
        }

        if (char.IsHighSurrogate(c))
        {
            _pendingHighSurrogate = c;
        }
        else if (char.IsLowSurrogate(c))
        {
            LoneSurrogate(position);
        }
        else
        {
            AppendChar(c);
        }
    }

    private void LoneSurrogate(int position)
    {
        // A lone surrogate has no UTF-8 form, so no client could receive it intact.
        if (!_tolerant)
        {
            Fail(JsonParseErrorKind.InvalidUnicode, $"A lone UTF-16 surrogate at offset {_offsetOfChunk + position} is not a character.", position);
        }

        Repairs.Record(RepairKind.InvalidUnicode, _offsetOfChunk + position);
        AppendChar('\uFFFD');
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static char[] BuildStringStops()
    {
        var stops = new List<char> { '"', '\\' };
        for (var c = 0; c < 0x20; c++)
        {
            stops.Add((char)c);
        }

        for (var c = 0xD800; c <= 0xDFFF; c++)
        {
            stops.Add((char)c);
        }

        return [.. stops];
    }
}
