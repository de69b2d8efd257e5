using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Protocol;

/// <summary>
/// Patch and complete events are written without <see cref="Utf8JsonWriter"/> when they can be: the bytes must be the
/// writer's, whatever the strings hold, or a client would see two encodings of one stream.
/// </summary>
public sealed class EventFormatterTests
{
    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Every_event_of_a_stream_is_formatted_as_the_writer_formats_it(ChunkedText input, bool strict)
    {
        using var builder = new EventStreamBuilder(new EventStreamOptions { PatchMode = strict ? PatchMode.Strict : PatchMode.Append });
        var events = new List<StreamEvent>();
        foreach (var chunk in input.Chunks)
        {
            builder.Append(chunk, events);
        }

        builder.Finish(events);
        for (var i = 0; i < events.Count; i++)
        {
            var sequenced = new SequencedEvent(i + 1, events[i]);
            Assert.Equal(WithWriter(sequenced), WithFormatter(sequenced));
        }
    }

    [Property(MaxTest = 500)]
    public void Any_strings_in_paths_and_values_are_written_as_the_writer_writes_them(NonNull<string> path, NonNull<string> value, NonNull<string>[] paths, PositiveInt seq)
    {
        SequencedEvent[] events =
        [
            new(seq.Get, new PatchEvent([
                new PatchOperation(PatchOperationKind.Append, path.Get, new StringNode(value.Get)),
                new PatchOperation(PatchOperationKind.Add, value.Get, LiteralNode.Number("-1.5e+300")),
                new PatchOperation(PatchOperationKind.Remove, path.Get),
            ])),
            new(seq.Get, new CompleteEvent([.. paths.Select(p => p.Get), path.Get])),
        ];

        foreach (var sequenced in events)
        {
            Assert.Equal(WithWriter(sequenced), WithFormatter(sequenced));
        }
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("café, 東京, Ωmega")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("tab\tnew line\ncontrol \u0001")]
    [InlineData("<b>&amp;</b> 'single'")]
    [InlineData("line separator \u2028 and paragraph separator \u2029")]
    [InlineData("astral 😀 and 𝄞")]
    [InlineData("lone high \ud83d and lone low \ude00")]
    [InlineData("noncharacter \uffff and BOM \ufeff")]
    public void Strings_that_need_escaping_or_not_come_out_as_the_writers(string text)
    {
        var sequenced = new SequencedEvent(7, new PatchEvent([
            new PatchOperation(PatchOperationKind.Append, "/a~1b/" + text, new StringNode(text)),
            new PatchOperation(PatchOperationKind.Add, "/t", LiteralNode.True),
            new PatchOperation(PatchOperationKind.Add, "/o", new ObjectNode()),
            new PatchOperation(PatchOperationKind.Add, "/l", new ArrayNode()),
            new PatchOperation(PatchOperationKind.Replace, "/n", LiteralNode.Null),
        ]));

        Assert.Equal(WithWriter(sequenced), WithFormatter(sequenced));
    }

    [Fact]
    public void The_events_a_stream_sends_most_are_written_directly()
    {
        var buffer = new ArrayBufferWriter<byte>();

        Assert.True(EventFormatter.TryFormatDirect(new(3, new PatchEvent([new PatchOperation(PatchOperationKind.Append, "/title", new StringNode("Quarterly"))])), buffer));
        Assert.True(EventFormatter.TryFormatDirect(new(4, new CompleteEvent(["/title", "/rows/0"])), buffer));
        Assert.Equal(
            """{"seq":3,"type":"patch","ops":[{"op":"append","path":"/title","value":"Quarterly"}]}{"seq":4,"type":"complete","paths":["/title","/rows/0"]}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_held_value_added_whole_or_a_string_to_escape_is_left_to_the_writer_and_nothing_is_written_first()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var held = DocumentNode.Parse("""{"a":[1,2]}""");

        Assert.False(EventFormatter.TryFormatDirect(new(1, new PatchEvent([new PatchOperation(PatchOperationKind.Add, "/x", held)])), buffer));
        Assert.False(EventFormatter.TryFormatDirect(new(2, new PatchEvent([
            new PatchOperation(PatchOperationKind.Append, "/a", new StringNode("fine")),
            new PatchOperation(PatchOperationKind.Append, "/b", new StringNode("needs \"escaping\"")),
        ])), buffer));
        Assert.False(EventFormatter.TryFormatDirect(new(3, new ErrorEvent("parse_error", "bad", Retryable: false)), buffer));
        Assert.Equal(0, buffer.WrittenCount);
    }

    // Bytes, not text: a direct path that wrote invalid UTF-8 would decode to the same replacement characters.
    private static byte[] WithFormatter(SequencedEvent sequenced)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var formatter = new EventFormatter();
        formatter.Format(sequenced, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WithWriter(SequencedEvent sequenced)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentNode.WriterOptions))
        {
            StreamEventSerializer.Write(writer, sequenced);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
