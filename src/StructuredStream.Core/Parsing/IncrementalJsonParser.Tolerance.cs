namespace StructuredStream.Parsing;

public sealed partial class IncrementalJsonParser
{
    private int _backticks;
    private bool _inFenceInfo;
    private bool _sawLeadingText;
    private bool _sawFence;
    private long _fenceOffset;
    private bool _sawTrailingText;

    private bool ReadBeforeRoot(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        while (position < chunk.Length)
        {
            var c = chunk[position];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    position++;
                    continue;
                case '\uFEFF' when _tolerant:
                    Repairs.Record(RepairKind.ByteOrderMark, _offsetOfChunk + position);
                    position++;
                    continue;
                case '{' or '[' or '"' or '-' or (>= '0' and <= '9') or 't' or 'f' or 'n':
                    return StartValue(c, ref position, out token);
                default:
                    if (!_tolerant)
                    {
                        FailUnexpected(c, position, "a JSON value");
                    }

                    _mode = ParserMode.Prose;
                    token = default;
                    return false;
            }
        }

        token = default;
        return false;
    }

    /// <summary>
    /// Skips what a model writes around its JSON ("Here is the result:", a ```json fence) up to the first '{' or '['.
    /// </summary>
    private bool ReadProse(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        while (position < chunk.Length)
        {
            var c = chunk[position];
            if (c is '{' or '[')
            {
                if (_sawLeadingText)
                {
                    Repairs.Record(RepairKind.LeadingText, 0);
                }

                if (_sawFence)
                {
                    Repairs.Record(RepairKind.CodeFence, _fenceOffset);
                }

                return StartValue(c, ref position, out token);
            }

            position++;
            if (c == '`')
            {
                if (++_backticks == 3 && !_sawFence)
                {
                    _sawFence = true;
                    _fenceOffset = _offsetOfChunk + position - 3;
                    _inFenceInfo = true;
                }
                else if (_backticks == 3)
                {
                    _inFenceInfo = true;
                }

                continue;
            }

            _backticks = 0;
            if (c == '\n')
            {
                _inFenceInfo = false;
            }
            else if (!_inFenceInfo && !char.IsWhiteSpace(c) && c != '\uFEFF')
            {
                _sawLeadingText = true;
            }
        }

        token = default;
        return false;
    }

    /// <summary>A root number or literal that turns out not to be one ("the answer is") was prose: look for '{' or '['.</summary>
    private bool TryFallBackToProse()
    {
        if (!_tolerant || _containers.Depth != 0)
        {
            return false;
        }

        _sawLeadingText = true;
        _mode = ParserMode.Prose;
        return true;
    }

    private bool SkipAfterRoot(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        token = default;
        while (position < chunk.Length)
        {
            var c = chunk[position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                position++;
                continue;
            }

            if (!_tolerant)
            {
                FailUnexpected(c, position, "the end of the input after the JSON value");
            }

            position++;
            if (c == '`')
            {
                if (++_backticks == 3)
                {
                    Repairs.Record(RepairKind.CodeFence, _offsetOfChunk + position - 3);
                }

                continue;
            }

            _backticks = 0;
            if (!_sawTrailingText)
            {
                _sawTrailingText = true;
                Repairs.Record(RepairKind.TrailingText, _offsetOfChunk + position - 1);
            }
        }

        return false;
    }

    private bool SkipComment(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        token = default;
        while (position < chunk.Length)
        {
            var c = chunk[position++];
            switch (_mode)
            {
                case ParserMode.CommentStart:
                    if (c is not ('/' or '*'))
                    {
                        FailUnexpected(c, position - 1, "'/' or '*' to start a comment");
                    }

                    Repairs.Record(RepairKind.Comment, _offsetOfChunk + position - 2);
                    _mode = c == '/' ? ParserMode.LineComment : ParserMode.BlockComment;
                    break;
                case ParserMode.LineComment:
                    if (c == '\n')
                    {
                        _mode = _modeAfterComment;
                        return false;
                    }

                    break;
                case ParserMode.BlockComment:
                    if (c == '*')
                    {
                        _mode = ParserMode.BlockCommentStar;
                    }

                    break;
                default:
                    if (c == '/')
                    {
                        _mode = _modeAfterComment;
                        return false;
                    }

                    if (c != '*')
                    {
                        _mode = ParserMode.BlockComment;
                    }

                    break;
            }
        }

        return false;
    }
}
