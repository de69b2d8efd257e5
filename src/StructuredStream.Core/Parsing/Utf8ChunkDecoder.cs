using System.Buffers;
using System.Text;

namespace StructuredStream.Parsing;

/// <summary>
/// Decodes UTF-8 that arrives in chunks split anywhere (inside a multi-byte sequence too). Strict: bytes that are not
/// UTF-8 throw <see cref="JsonParseException"/>; tolerant: they become U+FFFD and repair <c>invalid_utf8</c> is recorded.
/// </summary>
public sealed class Utf8ChunkDecoder : IDisposable
{
    private readonly Decoder _decoder;
    private readonly ReplacementRecorder? _recorder;
    private readonly RepairLog? _repairs;
    private char[] _chars = ArrayPool<char>.Shared.Rent(1024);
    private long _bytesDecoded;
    private long _charsDecoded;

    /// <summary>Creates a decoder; <paramref name="repairs"/> is where a tolerant decoder records replacements.</summary>
    public Utf8ChunkDecoder(bool tolerant, RepairLog? repairs = null)
    {
        if (tolerant)
        {
            _recorder = new ReplacementRecorder();
            _repairs = repairs;
            _decoder = new UTF8Encoding(false, false).GetDecoder();
            _decoder.Fallback = _recorder;
        }
        else
        {
            _decoder = new UTF8Encoding(false, true).GetDecoder();
        }
    }

    /// <summary>Decodes a chunk; the result is valid until the next call. <paramref name="isFinal"/> flushes a cut-off sequence.</summary>
    public ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes, bool isFinal = false)
    {
        int count;
        try
        {
            var needed = _decoder.GetCharCount(bytes, isFinal);
            if (needed > _chars.Length)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = ArrayPool<char>.Shared.Rent(needed);
            }

            count = _decoder.GetChars(bytes, _chars, isFinal);
        }
        catch (DecoderFallbackException e)
        {
            throw new JsonParseException(JsonParseErrorKind.InvalidUtf8, $"The input is not valid UTF-8 (byte offset {_bytesDecoded + Math.Max(0, e.Index)}).", _charsDecoded);
        }

        if (_recorder is { Replaced: true })
        {
            _recorder.Replaced = false;
            // Offsets of repairs count UTF-16 code units of the decoded text, as the parser's do.
            _repairs?.Record(RepairKind.InvalidUtf8, _charsDecoded);
        }

        _bytesDecoded += bytes.Length;
        _charsDecoded += count;
        return _chars.AsSpan(0, count);
    }

    /// <summary>Returns the pooled buffer.</summary>
    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
    }

    /// <summary>A replacement fallback that notes that it replaced something.</summary>
    private sealed class ReplacementRecorder : DecoderFallback
    {
        public bool Replaced { get; set; }

        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

        private sealed class Buffer(ReplacementRecorder owner) : DecoderFallbackBuffer
        {
            private bool _pending;

            public override int Remaining => _pending ? 1 : 0;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                owner.Replaced = true;
                _pending = true;
                return true;
            }

            public override char GetNextChar()
            {
                if (!_pending)
                {
                    return '\0';
                }

                _pending = false;
                return '\uFFFD';
            }

            public override bool MovePrevious() => false;

            public override void Reset() => _pending = false;
        }
    }
}
