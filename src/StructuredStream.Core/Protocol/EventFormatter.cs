using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using StructuredStream.Documents;
using StructuredStream.Patching;

namespace StructuredStream.Protocol;

/// <summary>
/// Formats events as the wire's JSON objects (docs/protocol.md) into a buffer, reusing one writer. The output is the
/// same, byte for byte, as <see cref="StreamEventSerializer.Write"/> with <see cref="DocumentNode.WriterOptions"/>.
/// </summary>
/// <remarks>
/// A stream sends a <c>patch</c> or a <c>complete</c> for nearly every model chunk, so those are written straight to
/// bytes when none of their strings needs escaping (the 1 MB benchmark stream's events took 16 ms through the writer,
/// most of it the writer's per-call bookkeeping, and take 9 ms so); any other event, or a string that needs escaping,
/// goes through <see cref="Utf8JsonWriter"/>.
/// Not thread safe.
/// </remarks>
public sealed class EventFormatter : IDisposable
{
    // Past this many bytes an event is left to the writer: the direct path asks for its worst case in one span.
    private const int MaxDirectBytes = 1 << 20;

    private static readonly JavaScriptEncoder Encoder = DocumentNode.WriterOptions.Encoder!;

    private readonly Utf8JsonWriter _writer = new(Stream.Null, DocumentNode.WriterOptions);

    /// <summary>Writes one event as a JSON object (no line end) to <paramref name="output"/>.</summary>
    public void Format(SequencedEvent sequenced, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sequenced.Event);
        switch (sequenced.Event)
        {
            case PatchEvent patch:
                FormatPatch(sequenced.Seq, new PatchOperationList(patch.Ops), output);
                return;
            case CompleteEvent complete:
                FormatComplete(sequenced.Seq, StreamEventSerializer.Paths(complete), output);
                return;
        }

        _writer.Reset(output);
        StreamEventSerializer.Write(_writer, sequenced);
        _writer.Flush();
    }

    /// <summary>Writes a <c>patch</c> event handed out as views (<see cref="IStreamEventTarget.AddPatch"/>).</summary>
    public void FormatPatch(long seq, ReadOnlySpan<PatchOperationView> operations, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        FormatPatch(seq, new PatchOperationList(operations), output);
    }

    /// <summary>Writes a <c>complete</c> event handed out as a span (<see cref="IStreamEventTarget.AddComplete"/>).</summary>
    public void FormatComplete(long seq, ReadOnlySpan<string> paths, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (TryFormatComplete(seq, paths, output))
        {
            return;
        }

        _writer.Reset(output);
        StreamEventSerializer.WriteComplete(_writer, seq, paths);
        _writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <summary>Writes a patch or complete event without the writer; nothing is written when it returns false.</summary>
    internal static bool TryFormatDirect(SequencedEvent sequenced, IBufferWriter<byte> output) => sequenced.Event switch
    {
        PatchEvent patch => TryFormatPatch(sequenced.Seq, new PatchOperationList(patch.Ops), output),
        CompleteEvent complete => TryFormatComplete(sequenced.Seq, StreamEventSerializer.Paths(complete), output),
        _ => false,
    };

    private void FormatPatch(long seq, PatchOperationList operations, IBufferWriter<byte> output)
    {
        if (TryFormatPatch(seq, operations, output))
        {
            return;
        }

        _writer.Reset(output);
        StreamEventSerializer.WritePatch(_writer, seq, operations);
        _writer.Flush();
    }

    private static bool TryFormatPatch(long seq, PatchOperationList operations, IBufferWriter<byte> output)
    {
        var size = MaxSize(operations);
        if (size is < 0 or > MaxDirectBytes)
        {
            return false;
        }

        var written = WritePatch(output.GetSpan((int)size), seq, operations);
        if (written < 0)
        {
            return false;
        }

        output.Advance(written);
        return true;
    }

    private static bool TryFormatComplete(long seq, ReadOnlySpan<string> paths, IBufferWriter<byte> output)
    {
        var size = MaxSize(paths);
        if (size > MaxDirectBytes)
        {
            return false;
        }

        var written = WriteComplete(output.GetSpan((int)size), seq, paths);
        if (written < 0)
        {
            return false;
        }

        output.Advance(written);
        return true;
    }

    /// <summary>The most bytes a patch can take written directly, or -1 when it holds what only the writer writes.</summary>
    private static long MaxSize(PatchOperationList operations)
    {
        long size = 64;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (operation.From is not null)
            {
                return -1;
            }

            size += 40 + MaxStringSize(operation.Path.Length);
            switch (operation.Value)
            {
                case null when operation.HasText:
                    size += MaxStringSize(operation.Text.Length);
                    break;
                case null:
                    break;
                case LiteralNode literal:
                    size += literal.Text.Length;
                    break;
                case ObjectNode { Count: 0 } or ArrayNode { Count: 0 }:
                    size += 2;
                    break;
                default:
                    // A value held back and added whole: rare, and the writer's job.
                    return -1;
            }
        }

        return size;
    }

    private static long MaxSize(ReadOnlySpan<string> paths)
    {
        long size = 64;
        foreach (var path in paths)
        {
            size += 1 + MaxStringSize(path.Length);
        }

        return size;
    }

    /// <summary>A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 4 for 2); plus the quotes.</summary>
    private static long MaxStringSize(int length) => (3L * length) + 2;

    private static int WritePatch(Span<byte> span, long seq, PatchOperationList operations)
    {
        var at = WriteStart(span, seq, "patch\",\"ops\":["u8);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            at += Copy(span[at..], "{\"op\":\""u8);
            at += Copy(span[at..], StreamEventSerializer.EncodedWireName(operation.Op).EncodedUtf8Bytes);
            at += Copy(span[at..], "\",\"path\":"u8);
            if (!TryWriteString(span, ref at, operation.Path))
            {
                return -1;
            }

            if (operation.HasText)
            {
                at += Copy(span[at..], ",\"value\":"u8);
                if (!TryWriteString(span, ref at, operation.Text))
                {
                    return -1;
                }
            }
            else if (operation.Value is not null)
            {
                at += Copy(span[at..], ",\"value\":"u8);
                WriteValue(span, ref at, operation.Value);
            }

            span[at++] = (byte)'}';
        }

        at += Copy(span[at..], "]}"u8);
        return at;
    }

    private static int WriteComplete(Span<byte> span, long seq, ReadOnlySpan<string> paths)
    {
        var at = WriteStart(span, seq, "complete\",\"paths\":["u8);
        for (var i = 0; i < paths.Length; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            if (!TryWriteString(span, ref at, paths[i]))
            {
                return -1;
            }
        }

        at += Copy(span[at..], "]}"u8);
        return at;
    }

    /// <summary>Writes <c>{"seq":N,"type":"</c> and what follows the type's opening quote.</summary>
    private static int WriteStart(Span<byte> span, long seq, ReadOnlySpan<byte> typeAndArray)
    {
        var at = Copy(span, "{\"seq\":"u8);
        var formatted = Utf8Formatter.TryFormat(seq, span[at..], out var digits);
        Debug.Assert(formatted, "the size estimate leaves room for any long");
        at += digits;
        at += Copy(span[at..], ",\"type\":\""u8);
        return at + Copy(span[at..], typeAndArray);
    }

    /// <summary>Writes a value that is not a string: what <see cref="MaxSize(PatchOperationList)"/> lets through.</summary>
    private static void WriteValue(Span<byte> span, ref int at, DocumentNode value)
    {
        switch (value)
        {
            case LiteralNode literal:
                // Numbers keep their exact text, which is ASCII (the writer writes it raw too).
                at += Encoding.UTF8.GetBytes(literal.Text, span[at..]);
                break;
            case ObjectNode:
                at += Copy(span[at..], "{}"u8);
                break;
            default:
                at += Copy(span[at..], "[]"u8);
                break;
        }
    }

    /// <summary>
    /// Writes a quoted string when it needs no escaping under the writer's encoder; the writer escapes exactly what
    /// the encoder reports, so an unescaped string is written the same by both. Lone surrogates are left to the writer.
    /// </summary>
    private static bool TryWriteString(Span<byte> span, ref int at, ReadOnlySpan<char> text)
    {
        var start = at + 1;
        if (Utf8.FromUtf16(text, span[start..], out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done
            || Encoder.FindFirstCharacterToEncodeUtf8(span.Slice(start, written)) >= 0)
        {
            return false;
        }

        span[at] = (byte)'"';
        at = start + written;
        span[at++] = (byte)'"';
        return true;
    }

    private static int Copy(Span<byte> span, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span);
        return bytes.Length;
    }
}
