using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Redis;

/// <summary>Events as stored in Redis: the wire format of docs/protocol.md; folded slots one per line.</summary>
internal static class EventText
{
    public static string Write(SequencedEvent sequenced)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            StreamEventSerializer.Write(writer, sequenced);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static SequencedEvent Read(string text)
    {
        using var json = JsonDocument.Parse(text);
        return StreamEventSerializer.Read(json.RootElement);
    }

    /// <summary>Folded slots as lines of <c>firstSeq</c>, a tab, and the event.</summary>
    public static string WriteFolded(IReadOnlyList<FoldedEvent> folded)
    {
        var text = new StringBuilder();
        foreach (var slot in folded)
        {
            text.Append(slot.FirstSeq.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(Write(slot.Event)).Append('\n');
        }

        return text.ToString();
    }

    public static List<FoldedEvent> ReadFolded(string? text)
    {
        var slots = new List<FoldedEvent>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            slots.Add(new FoldedEvent(long.Parse(line.AsSpan(0, tab), NumberStyles.None, CultureInfo.InvariantCulture), Read(line[(tab + 1)..])));
        }

        return slots;
    }
}
