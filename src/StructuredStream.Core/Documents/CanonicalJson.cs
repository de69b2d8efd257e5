using System.Buffers;

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
        // Hashed as it is written, through one small pooled buffer: the canonical form of a large object is never held
        // whole (it was a growing array, copied at each doubling and, past 85 KB, on the large object heap).
        using var writer = CanonicalJsonWriter.Hashing();
        writer.Write(node);
        return ChecksumPrefix + Convert.ToHexStringLower(writer.Hash());
    }

    /// <summary>Writes the canonical form of a document.</summary>
    public static void Write(DocumentNode node, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = CanonicalJsonWriter.To(output);
        writer.Write(node);
        writer.Flush();
    }
}
