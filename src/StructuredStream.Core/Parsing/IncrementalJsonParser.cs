using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace StructuredStream.Parsing;

/// <summary>
/// Reads JSON text that arrives in chunks split anywhere and returns tokens as soon as they are certain: one pass,
/// O(total input), no recursion, and state that is O(nesting depth) plus the name or number being read.
/// </summary>
/// <remarks>
/// Call <see cref="Read"/> with each chunk until it returns <see langword="false"/>, then pass the next chunk; when
/// the input has ended, call <see cref="ReadEnd"/> until it returns <see langword="false"/>. Strings are returned in
/// segments as they grow; names, numbers and literals only whole. Bad input throws <see cref="JsonParseException"/>.
/// Not thread safe.
/// </remarks>
public sealed partial class IncrementalJsonParser : IDisposable
{
    private readonly JsonParserOptions _options;
    private readonly bool _tolerant;
    private ContainerStack _containers;
    private ParserMode _mode = ParserMode.BeforeRoot;

    /// <summary>The mode a comment returns to when it ends.</summary>
    private ParserMode _modeAfterComment;

    /// <summary>UTF-16 code units in the chunks before the current one, for offsets in repairs and errors.</summary>
    private long _offsetOfChunk;

    /// <summary>Pooled: a name or number spanning chunks, or a decoded string segment.</summary>
    private char[] _text;

    private int _textLength;
    private JsonParseException? _failure;
    private bool _truncated;

    /// <summary>Creates a parser.</summary>
    /// <param name="options">Parser options; <see cref="JsonParserOptions.Default"/> when null.</param>
    /// <param name="repairs">Where repairs are recorded; a new log when null.</param>
    public IncrementalJsonParser(JsonParserOptions? options = null, RepairLog? repairs = null)
    {
        _options = options ?? JsonParserOptions.Default;
        _options.Validate();
        _tolerant = _options.Tolerant;
        Repairs = repairs ?? new RepairLog();
#if DEBUG
        // Small buffers in debug builds exercise the growth paths on every test.
        _text = ArrayPool<char>.Shared.Rent(16);
#else
        _text = ArrayPool<char>.Shared.Rent(256);
#endif
    }

    /// <summary>The repairs made so far.</summary>
    public RepairLog Repairs { get; }

    /// <summary>The number of open arrays and objects.</summary>
    public int Depth => _containers.Depth;

    /// <summary>Whether the root value has been read completely (trailing text may still follow).</summary>
    public bool IsRootComplete => _mode is ParserMode.AfterRoot or ParserMode.Done;

    /// <summary>UTF-16 code units consumed so far.</summary>
    public long Offset => _offsetOfChunk;

    /// <summary>Reads the next token from <paramref name="chunk"/>, starting at <paramref name="position"/>.</summary>
    /// <returns><see langword="false"/> when the chunk is used up; the parser then waits for the next chunk.</returns>
    /// <exception cref="JsonParseException">The input is not JSON that this mode accepts.</exception>
    public bool Read(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        Debug.Assert((uint)position <= (uint)chunk.Length, "position is outside the chunk");
        ThrowIfFailed();
        if (TryTakeStringEnd(out token))
        {
            return true;
        }

        while (position < chunk.Length)
        {
            if (ReadInMode(chunk, ref position, out token))
            {
                return true;
            }
        }

        _offsetOfChunk += chunk.Length;
        token = default;
        return false;
    }

    /// <summary>
    /// Reads a whole chunk, handing each token to <paramref name="consumer"/> as it is read: the same tokens as calling
    /// <see cref="Read"/> until it returns <see langword="false"/>, without leaving the loop between tokens (a stream
    /// of small chunks pays the call and its checks per token otherwise).
    /// </summary>
    /// <returns><see langword="false"/> when the consumer stopped the reading.</returns>
    internal bool ReadChunk<TConsumer>(ReadOnlySpan<char> chunk, ref TConsumer consumer)
        where TConsumer : struct, IJsonTokenConsumer
    {
        ThrowIfFailed();
        var position = 0;
        scoped JsonToken token;
        if (TryTakeStringEnd(out token) && !consumer.Accept(token))
        {
            return false;
        }

        while (position < chunk.Length)
        {
            // A string that closed after its last segment was handed out ends before anything else is read.
            if (ReadInMode(chunk, ref position, out token)
                && (!consumer.Accept(token) || (TryTakeStringEnd(out token) && !consumer.Accept(token))))
            {
                return false;
            }
        }

        _offsetOfChunk += chunk.Length;
        return true;
    }

    /// <summary>Reads on in the current mode; a token is ready when it returns <see langword="true"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ReadInMode(ReadOnlySpan<char> chunk, ref int position, out JsonToken token) => _mode switch
    {
        ParserMode.String => ReadStringValue(chunk, ref position, out token),
        ParserMode.PropertyName => ReadPropertyName(chunk, ref position, out token),
        ParserMode.Number => ReadNumber(chunk, ref position, out token),
        ParserMode.Literal => ReadLiteral(chunk, ref position, out token),
        ParserMode.BeforeRoot => ReadBeforeRoot(chunk, ref position, out token),
        ParserMode.Prose => ReadProse(chunk, ref position, out token),
        ParserMode.CommentStart or ParserMode.LineComment or ParserMode.BlockComment or ParserMode.BlockCommentStar
            => SkipComment(chunk, ref position, out token),
        ParserMode.AfterRoot or ParserMode.Done => SkipAfterRoot(chunk, ref position, out token),
        _ => ReadStructure(chunk, ref position, out token),
    };

    /// <summary>
    /// Reads the tokens that the end of input produces: a number that ends with the input, and, in tolerant mode,
    /// closing tokens for whatever was left open (repair <see cref="RepairKind.Truncated"/>).
    /// </summary>
    /// <returns><see langword="false"/> when there are no more tokens.</returns>
    /// <exception cref="JsonParseException">No value was found, or (strict mode) the value is incomplete.</exception>
    public bool ReadEnd(out JsonToken token)
    {
        ThrowIfFailed();
        if (TryTakeStringEnd(out token))
        {
            return true;
        }

        while (true)
        {
            switch (_mode)
            {
                case ParserMode.AfterRoot:
                case ParserMode.Done:
                    _mode = ParserMode.Done;
                    token = default;
                    return false;
                case ParserMode.BeforeRoot:
                case ParserMode.Prose:
                    Fail(JsonParseErrorKind.NoValue, "No JSON value was found in the input.", 0);
                    break;
                case ParserMode.CommentStart:
                case ParserMode.LineComment:
                case ParserMode.BlockComment:
                case ParserMode.BlockCommentStar:
                    _mode = _modeAfterComment;
                    continue;
                case ParserMode.Number when IsCompleteNumber():
                    // The end of input ends a number as any delimiter would.
                    token = TakeNumber(default, 0, 0);
                    return true;
                case ParserMode.Number or ParserMode.Literal when _containers.Depth == 0:
                    Fail(_tolerant ? JsonParseErrorKind.NoValue : JsonParseErrorKind.UnexpectedEnd,
                        _tolerant ? "No JSON value was found in the input." : "The input ended inside a value.", 0);
                    break;
            }

            RequireTolerantEnd();
            if (!_truncated)
            {
                _truncated = true;
                Repairs.Record(RepairKind.Truncated, _offsetOfChunk);
            }

            switch (_mode)
            {
                case ParserMode.String:
                    // An escape cut off by the end is dropped; a high surrogate without its pair is not a character.
                    _escape = 0;
                    _textLength = 0;
                    if (_pendingHighSurrogate != 0)
                    {
                        _pendingHighSurrogate = '\0';
                        LoneSurrogate(0);
                    }

                    if (_textLength > 0)
                    {
                        _stringEndPending = true;
                        token = new JsonToken(JsonTokenKind.StringSegment, _text.AsSpan(0, _textLength));
                        return true;
                    }

                    token = new JsonToken(JsonTokenKind.StringEnd);
                    AfterValue();
                    return true;
                case ParserMode.PropertyName:
                case ParserMode.Number:
                case ParserMode.Literal:
                case ParserMode.Colon:
                case ParserMode.Value:
                case ParserMode.Key:
                    // A name without its value, or a value that never finished, is dropped: it was never emitted.
                    _mode = ParserMode.CommaOrEnd;
                    break;
            }

            token = CloseContainer();
            return true;
        }
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        var text = _text;
        _text = [];
        if (text.Length > 0)
        {
            ArrayPool<char>.Shared.Return(text);
        }
    }

    private bool ReadStructure(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        while (position < chunk.Length)
        {
            var c = chunk[position];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                position++;
                continue;
            }

            if (c == '/' && _tolerant)
            {
                _modeAfterComment = _mode;
                _mode = ParserMode.CommentStart;
                position++;
                token = default;
                return false;
            }

            switch (_mode)
            {
                case ParserMode.Colon:
                    if (c != ':')
                    {
                        FailUnexpected(c, position, "':' after a member name");
                    }

                    position++;
                    _mode = ParserMode.Value;
                    continue;
                case ParserMode.CommaOrEnd:
                    if (c == ',')
                    {
                        position++;
                        _mode = _containers.InObject ? ParserMode.Key : ParserMode.Value;
                        continue;
                    }

                    if (c == (_containers.InObject ? '}' : ']'))
                    {
                        position++;
                        token = CloseContainer();
                        return true;
                    }

                    FailUnexpected(c, position, _containers.InObject ? "',' or '}'" : "',' or ']'");
                    break;
                case ParserMode.KeyOrEndObject:
                case ParserMode.Key:
                    if (c == '"')
                    {
                        position++;
                        _mode = ParserMode.PropertyName;
                        _textLength = 0;
                        token = default;
                        return false;
                    }

                    if (c == '}')
                    {
                        if (_mode == ParserMode.Key)
                        {
                            TrailingComma(c, position);
                        }

                        position++;
                        token = CloseContainer();
                        return true;
                    }

                    FailUnexpected(c, position, "a member name in double quotes");
                    break;
                default:
                    if (c == ']' && (_mode == ParserMode.ValueOrEndArray || !_containers.InObject))
                    {
                        if (_mode == ParserMode.Value)
                        {
                            TrailingComma(c, position);
                        }

                        position++;
                        token = CloseContainer();
                        return true;
                    }

                    return StartValue(c, ref position, out token);
            }
        }

        token = default;
        return false;
    }

    /// <summary>Begins the value whose first character is <paramref name="c"/>; containers and strings yield a token at once.</summary>
    private bool StartValue(char c, ref int position, out JsonToken token)
    {
        switch (c)
        {
            case '{':
            case '[':
                if (_containers.Depth >= _options.MaxDepth)
                {
                    Fail(JsonParseErrorKind.DepthLimit, $"Nesting is deeper than the limit of {_options.MaxDepth}.", position);
                }

                position++;
                _containers.Push(c == '{');
                _mode = c == '{' ? ParserMode.KeyOrEndObject : ParserMode.ValueOrEndArray;
                token = new JsonToken(c == '{' ? JsonTokenKind.StartObject : JsonTokenKind.StartArray);
                return true;
            case '"':
                position++;
                _mode = ParserMode.String;
                token = new JsonToken(JsonTokenKind.StringStart);
                return true;
            case '-' or (>= '0' and <= '9'):
                BeginNumber();
                token = default;
                return false;
            case 't' or 'f' or 'n':
                BeginLiteral(c);
                token = default;
                return false;
            default:
                FailUnexpected(c, position, "a JSON value");
                token = default;
                return false;
        }
    }

    private JsonToken CloseContainer()
    {
        var wasObject = _containers.Pop();
        AfterValue();
        return new JsonToken(wasObject ? JsonTokenKind.EndObject : JsonTokenKind.EndArray);
    }

    private void AfterValue() => _mode = _containers.Depth == 0 ? ParserMode.AfterRoot : ParserMode.CommaOrEnd;

    private void AppendText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (_text.Length - _textLength < text.Length)
        {
            GrowText(text.Length);
        }

        text.CopyTo(_text.AsSpan(_textLength));
        _textLength += text.Length;
    }

    private void AppendChar(char c)
    {
        if (_textLength == _text.Length)
        {
            GrowText(1);
        }

        _text[_textLength++] = c;
    }

    private void GrowText(int needed)
    {
        var grown = ArrayPool<char>.Shared.Rent(Math.Max(_text.Length * 2, _textLength + needed));
        _text.AsSpan(0, _textLength).CopyTo(grown);
        ArrayPool<char>.Shared.Return(_text);
        _text = grown;
    }

    private void CheckTokenLength(int length, int position)
    {
        if (length > _options.MaxTokenLength)
        {
            Fail(JsonParseErrorKind.TokenTooLong, $"A member name or number is longer than the limit of {_options.MaxTokenLength} characters.", position);
        }
    }

    private void TrailingComma(char c, int position)
    {
        if (!_tolerant)
        {
            FailUnexpected(c, position, "a value after ','");
        }

        Repairs.Record(RepairKind.TrailingComma, _offsetOfChunk + position);
    }

    private void RequireTolerantEnd()
    {
        if (!_tolerant)
        {
            Fail(JsonParseErrorKind.UnexpectedEnd, "The input ended before the JSON value was complete.", 0);
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw _failure;
        }
    }

    [DoesNotReturn]
    private void FailUnexpected(char c, int position, string expected)
    {
        var shown = char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : $"'{c}'";
        Fail(JsonParseErrorKind.Syntax, $"Unexpected {shown} at offset {_offsetOfChunk + position}: expected {expected}.", position);
    }

    [DoesNotReturn]
    private void Fail(JsonParseErrorKind kind, string message, int position)
    {
        _mode = ParserMode.Failed;
        _failure = new JsonParseException(kind, message, _offsetOfChunk + position);
        throw _failure;
    }
}
