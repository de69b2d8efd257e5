using System.Text;
using System.Text.Json;
using StructuredStream.Protocol;

namespace StructuredStream.Tests.Support;

/// <summary>Events to and from their NDJSON lines, as a client would see them.</summary>
internal static class Wire
{
    public static string ToNdjson(IEnumerable<SequencedEvent> events)
    {
        using var output = new MemoryStream();
        using (var writer = new NdjsonEventWriter(output))
        {
            foreach (var e in events)
            {
                writer.Write(e);
            }
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    public static List<SequencedEvent> FromNdjson(string ndjson)
    {
        var events = new List<SequencedEvent>();
        foreach (var line in ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            events.Add(StreamEventSerializer.Read(document.RootElement));
        }

        return events;
    }

    public static string OperationJson(StructuredStream.Patching.PatchOperation operation)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            StreamEventSerializer.WriteOperation(writer, operation);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
