using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace StructuredStream.Documents;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): sorted member names, minimal string escaping, ECMAScript number form.
/// Clients recompute the same bytes with any JCS library to check the <c>final</c> event's checksum.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The prefix of every checksum this project writes.</summary>
    public const string ChecksumPrefix = "sha256:";

    /// <summary>What RFC 8785 escapes in a string: the control characters, the quotation mark and the reverse solidus.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    /// <summary>Returns the canonical UTF-8 bytes of a document.</summary>
    public static byte[] ToUtf8Bytes(DocumentNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var buffer = new ArrayBufferWriter<byte>();
        Write(node, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Returns <c>sha256:</c> and the lowercase hex SHA-256 of the canonical form.</summary>
    public static string Checksum(DocumentNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        // Hashed as it is written, through one small pooled buffer: the canonical form of a large object is never held
        // whole (it was a growing array, copied at each doubling and, past 85 KB, on the large object heap).
        using var hashing = new HashingBufferWriter();
        Write(node, hashing);
        return ChecksumPrefix + Convert.ToHexStringLower(hashing.Hash());
    }

    /// <summary>Writes the canonical form of a document.</summary>
    public static void Write(DocumentNode node, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(output);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case ObjectNode obj:
                WriteAscii(output, "{"u8);
                var members = SortedMembers(obj.Members);
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteAscii(output, ","u8);
                    }

                    WriteString(members[i].Key, output);
                    WriteAscii(output, ":"u8);
                    Write(members[i].Value, output);
                }

                WriteAscii(output, "}"u8);
                break;
            case ArrayNode array:
                WriteAscii(output, "["u8);
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteAscii(output, ","u8);
                    }

                    Write(array[i], output);
                }

                WriteAscii(output, "]"u8);
                break;
            case StringNode s:
                WriteString(s.AsSpan(), output);
                break;
            case LiteralNode { Kind: DocumentNodeKind.Number } number:
                WriteUtf8(output, NumberText.ToCanonical(number.Text));
                break;
            case LiteralNode literal:
                WriteUtf8(output, literal.Text);
                break;
        }
    }

    /// <summary>The members sorted by name as arrays of UTF-16 code units (RFC 8785 section 3.2.3); as they are when already so.</summary>
    private static IReadOnlyList<KeyValuePair<string, DocumentNode>> SortedMembers(IReadOnlyList<KeyValuePair<string, DocumentNode>> members)
    {
        for (var i = 1; i < members.Count; i++)
        {
            if (string.CompareOrdinal(members[i - 1].Key, members[i].Key) > 0)
            {
                var sorted = members.ToArray();
                Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                return sorted;
            }
        }

        return members;
    }

    private static void WriteString(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        WriteAscii(output, "\""u8);
        var runStart = 0;
        // Vectorized search for the next character to escape; long text mostly has none.
        for (var found = value.IndexOfAny(Escaped); found >= 0; found = NextEscaped(value, runStart))
        {
            var i = runStart + found;
            var c = value[i];
            WriteUtf8(output, value[runStart..i]);
            runStart = i + 1;
            // Spec: RFC 8785 section 3.2.2.2, only these are escaped, with the short forms where JSON has them.
            WriteUtf8(output, c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u00" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        WriteUtf8(output, value[runStart..]);
        WriteAscii(output, "\""u8);
    }

    private static int NextEscaped(ReadOnlySpan<char> value, int from) => value[from..].IndexOfAny(Escaped);

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void WriteAscii(IBufferWriter<byte> output, ReadOnlySpan<byte> text) => output.Write(text);

    /// <summary>An <see cref="IBufferWriter{T}"/> that hashes what is written (SHA-256) through one pooled buffer.</summary>
    private sealed class HashingBufferWriter : IBufferWriter<byte>, IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _written;

        public void Advance(int count)
        {
            Debug.Assert(count >= 0 && _written + count <= _buffer.Length, "advanced past the span it gave");
            _written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            // Reserve first: it may replace the buffer.
            var start = Reserve(sizeHint);
            return _buffer.AsMemory(start);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            var start = Reserve(sizeHint);
            return _buffer.AsSpan(start);
        }

        public byte[] Hash()
        {
            _hash.AppendData(_buffer, 0, _written);
            _written = 0;
            return _hash.GetHashAndReset();
        }

        public void Dispose()
        {
            _hash.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        /// <summary>Makes room for <paramref name="sizeHint"/> bytes (at least one) and returns where they start.</summary>
        private int Reserve(int sizeHint)
        {
            sizeHint = Math.Max(sizeHint, 1);
            if (_buffer.Length - _written >= sizeHint)
            {
                return _written;
            }

            _hash.AppendData(_buffer, 0, _written);
            _written = 0;
            if (_buffer.Length < sizeHint)
            {
                // A long string's run: the buffer grows to it once, still pooled.
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
            }

            return 0;
        }
    }
}
