using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Tests.Support;
using StructuredStream.Validation;

namespace StructuredStream.Tests.Protocol;

public sealed class StreamEventSerializerTests
{
    [Fact]
    public void Every_event_type_survives_the_wire()
    {
        SequencedEvent[] events =
        [
            new(1, new PatchEvent([new PatchOperation(PatchOperationKind.Add, "", new ObjectNode()), new PatchOperation(PatchOperationKind.Move, "/b", null, "/a")])),
            new(2, new CompleteEvent(["/a", ""])),
            new(3, new ErrorEvent("parse_error", "Unexpected '}' at offset 9.", Retryable: false) { Offset = 9, Path = "/a", Keyword = "type" }),
            new(4, new FinalEvent(StreamOutcome.TimedOut, DocumentNode.Parse("""{"a":"😀\u2028"}"""), [new Repair(RepairKind.CodeFence, 2, 0)],
                [new ValidationError("/a", "maxLength", "too long")], "sha256:00")),
        ];

        var ndjson = Wire.ToNdjson(events);
        var read = Wire.FromNdjson(ndjson);

        Assert.Equal(ndjson, Wire.ToNdjson(read));
        Assert.Equal(4, ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("\u2028", ndjson, StringComparison.Ordinal); // JavaScript line separators stay escaped
    }

    [Fact]
    public void Unknown_event_types_are_kept_so_that_newer_servers_do_not_break_older_clients()
    {
        var read = Wire.FromNdjson("""{"seq":5,"type":"usage","at":"2026-11-25T10:00:00Z"}""");

        var unknown = Assert.IsType<UnknownEvent>(Assert.Single(read).Event);
        Assert.Equal("usage", unknown.Type);
        Assert.Equal("""{"seq":5,"type":"usage","at":"2026-11-25T10:00:00Z"}""" + "\n", Wire.ToNdjson(read));
    }

    [Fact]
    public void The_service_events_round_trip_and_a_heartbeat_may_repeat_seq_0()
    {
        const string lines = """
            {"seq":1,"type":"started","streamId":"st_1","schemaHash":"sha256:ab","schemaId":"chat","model":"simulated","eventsUrl":"/v1/streams/st_1/events"}
            {"seq":2,"type":"status","phase":"retrieval","name":"lookup","detail":"done","durationMs":12}
            {"seq":2,"type":"heartbeat"}
            {"seq":0,"type":"heartbeat"}

            """;

        var read = Wire.FromNdjson(lines.Replace("\r\n", "\n", StringComparison.Ordinal));

        Assert.Equal(lines.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart(), Wire.ToNdjson(read));
        Assert.Equal(new StatusEvent("retrieval") { Name = "lookup", Detail = "done", DurationMs = 12 }, read[1].Event);
        Assert.Same(HeartbeatEvent.Instance, read[3].Event);
    }

    [Theory]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"type":"patch","ops":[]}""", "'seq'")]
    [InlineData("""{"seq":0,"type":"patch","ops":[]}""", "'seq'")]
    [InlineData("""{"seq":1,"ops":[]}""", "'type'")]
    [InlineData("""{"seq":1,"type":"patch"}""", "'ops'")]
    [InlineData("""{"seq":1,"type":"patch","ops":[{"op":"spam","path":""}]}""", "'spam' is not a patch operation")]
    [InlineData("""{"seq":1,"type":"patch","ops":[{"op":"add","path":"/a"}]}""", "must have a 'value'")]
    [InlineData("""{"seq":1,"type":"patch","ops":[{"op":"append","path":"/a","value":1}]}""", "must be a string")]
    [InlineData("""{"seq":1,"type":"final","outcome":"exploded","object":null,"checksum":""}""", "'exploded' is not an outcome")]
    public void Malformed_events_are_refused_with_a_precise_message(string line, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => Wire.FromNdjson(line));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_are_written_with_op_first_as_RFC_6902_examples_do()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            StreamEventSerializer.WriteOperation(writer, new PatchOperation(PatchOperationKind.Copy, "/b", null, "/a"));
        }

        Assert.Equal("""{"op":"copy","from":"/a","path":"/b"}""", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
