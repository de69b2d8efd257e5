using System.Buffers;
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
        var buffer = new ArrayBufferWriter<byte>();
        Write(node, buffer);
        return ChecksumPrefix + Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
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
                WriteAscii(output, "{");
                var members = obj.Members.ToArray();
                // Spec: RFC 8785 section 3.2.3, members sorted by their names as arrays of UTF-16 code units.
                Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                for (var i = 0; i < members.Length; i++)
                {
                    if (i > 0)
                    {
                        WriteAscii(output, ",");
                    }

                    WriteString(members[i].Key, output);
                    WriteAscii(output, ":");
                    Write(members[i].Value, output);
                }

                WriteAscii(output, "}");
                break;
            case ArrayNode array:
                WriteAscii(output, "[");
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteAscii(output, ",");
                    }

                    Write(array[i], output);
                }

                WriteAscii(output, "]");
                break;
            case StringNode s:
                WriteString(s.AsSpan(), output);
                break;
            case LiteralNode { Kind: DocumentNodeKind.Number } number:
                WriteAscii(output, NumberText.ToCanonical(number.Text));
                break;
            case LiteralNode literal:
                WriteAscii(output, literal.Text);
                break;
        }
    }

    private static void WriteString(ReadOnlySpan<char> value, IBufferWriter<byte> output)
    {
        WriteAscii(output, "\"");
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(output, value[runStart..i]);
            runStart = i + 1;
            // Spec: RFC 8785 section 3.2.2.2, only these are escaped, with the short forms where JSON has them.
            WriteAscii(output, c switch
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
        WriteAscii(output, "\"");
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text) => WriteUtf8(output, text);
}
