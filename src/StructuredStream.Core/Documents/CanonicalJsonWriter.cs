using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace StructuredStream.Documents;

/// <summary>
/// Writes a document's canonical form (RFC 8785) through one pooled buffer, handing each full buffer to a hash or to a
/// buffer writer. Every comma, colon and bracket is one store into the buffer: through <see cref="IBufferWriter{T}"/>
/// each was two interface calls, which made up much of the checksum's cost.
/// </summary>
internal sealed class CanonicalJsonWriter : IDisposable
{
    /// <summary>What RFC 8785 escapes in a string: the control characters, the quotation mark and the reverse solidus.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    private static readonly Comparison<KeyValuePair<string, DocumentNode>> ByName = static (a, b) => string.CompareOrdinal(a.Key, b.Key);

    private readonly IncrementalHash? _hash;
    private readonly IBufferWriter<byte>? _output;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _written;

    private CanonicalJsonWriter(IncrementalHash? hash, IBufferWriter<byte>? output)
    {
        _hash = hash;
        _output = output;
    }

    /// <summary>A writer that hashes what it writes (SHA-256); <see cref="Hash"/> ends it.</summary>
    public static CanonicalJsonWriter Hashing() => new(IncrementalHash.CreateHash(HashAlgorithmName.SHA256), null);

    /// <summary>A writer that copies what it writes to <paramref name="output"/>; <see cref="Flush"/> ends it.</summary>
    public static CanonicalJsonWriter To(IBufferWriter<byte> output) => new(null, output);

    public void Write(DocumentNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case ObjectNode obj:
                WriteObject(obj.MemberSpan);
                break;
            case ArrayNode array:
                WriteByte((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte((byte)',');
                    }

                    Write(array[i]);
                }

                WriteByte((byte)']');
                break;
            case StringNode s:
                WriteString(s.AsSpan());
                break;
            case LiteralNode { Kind: DocumentNodeKind.Number } number:
                WriteUtf8(NumberText.ToCanonical(number.Text));
                break;
            case LiteralNode literal:
                WriteUtf8(literal.Text);
                break;
        }
    }

    /// <summary>The SHA-256 of everything written.</summary>
    public byte[] Hash()
    {
        Flush();
        return _hash!.GetHashAndReset();
    }

    /// <summary>Hands what is buffered on.</summary>
    public void Flush()
    {
        if (_written == 0)
        {
            return;
        }

        if (_hash is not null)
        {
            _hash.AppendData(_buffer, 0, _written);
        }
        else
        {
            _output!.Write(_buffer.AsSpan(0, _written));
        }

        _written = 0;
    }

    public void Dispose()
    {
        _hash?.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Members sorted by name as arrays of UTF-16 code units (RFC 8785 section 3.2.3), in a pooled copy when they are not already.</summary>
    private void WriteObject(ReadOnlySpan<KeyValuePair<string, DocumentNode>> members)
    {
        for (var i = 1; i < members.Length; i++)
        {
            if (string.CompareOrdinal(members[i - 1].Key, members[i].Key) > 0)
            {
                var copy = ArrayPool<KeyValuePair<string, DocumentNode>>.Shared.Rent(members.Length);
                try
                {
                    var sorted = copy.AsSpan(0, members.Length);
                    members.CopyTo(sorted);
                    sorted.Sort(ByName);
                    WriteMembers(sorted);
                }
                finally
                {
                    ArrayPool<KeyValuePair<string, DocumentNode>>.Shared.Return(copy, clearArray: true);
                }

                return;
            }
        }

        WriteMembers(members);
    }

    private void WriteMembers(ReadOnlySpan<KeyValuePair<string, DocumentNode>> members)
    {
        WriteByte((byte)'{');
        for (var i = 0; i < members.Length; i++)
        {
            if (i > 0)
            {
                WriteByte((byte)',');
            }

            WriteString(members[i].Key);
            WriteByte((byte)':');
            Write(members[i].Value);
        }

        WriteByte((byte)'}');
    }

    private void WriteString(ReadOnlySpan<char> value)
    {
        WriteByte((byte)'"');
        var runStart = 0;
        // Vectorized search for the next character to escape; long text mostly has none.
        for (var found = value.IndexOfAny(Escaped); found >= 0; found = value[runStart..].IndexOfAny(Escaped))
        {
            var i = runStart + found;
            var c = value[i];
            WriteUtf8(value[runStart..i]);
            runStart = i + 1;
            // Spec: RFC 8785 section 3.2.2.2, only these are escaped, with the short forms where JSON has them.
            switch (c)
            {
                case '"': WriteAscii("\\\""u8); break;
                case '\\': WriteAscii("\\\\"u8); break;
                case '\b': WriteAscii("\\b"u8); break;
                case '\f': WriteAscii("\\f"u8); break;
                case '\n': WriteAscii("\\n"u8); break;
                case '\r': WriteAscii("\\r"u8); break;
                case '\t': WriteAscii("\\t"u8); break;
                default:
                    WriteAscii("\\u00"u8);
                    WriteByte((byte)"0123456789abcdef"[c >> 4]);
                    WriteByte((byte)"0123456789abcdef"[c & 0xF]);
                    break;
            }
        }

        WriteUtf8(value[runStart..]);
        WriteByte((byte)'"');
    }

    private void WriteByte(byte value)
    {
        if (_written == _buffer.Length)
        {
            Reserve(1);
        }

        _buffer[_written++] = value;
    }

    private void WriteAscii(ReadOnlySpan<byte> text)
    {
        Reserve(text.Length);
        text.CopyTo(_buffer.AsSpan(_written));
        _written += text.Length;
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _written += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_written));
    }

    /// <summary>Makes room for <paramref name="size"/> bytes after what is written.</summary>
    private void Reserve(int size)
    {
        if (_buffer.Length - _written >= size)
        {
            return;
        }

        Flush();
        if (_buffer.Length < size)
        {
            // A long string's run: the buffer grows to it once, still pooled.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(size);
        }
    }
}
