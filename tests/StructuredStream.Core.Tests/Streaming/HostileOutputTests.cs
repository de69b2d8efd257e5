using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Streaming;

/// <summary>Model output meant to hurt: each ends in a clear error or a named repair, with what was valid kept.</summary>
public sealed class HostileOutputTests
{
    [Fact]
    public void A_50_MB_string_stops_at_the_input_limit_with_too_large_and_keeps_what_came_before()
    {
        var chunk = new string('a', 64 * 1024);
        using var builder = new EventStreamBuilder(); // the default limit: 16,000,000 characters
        var events = new List<StreamEvent>();
        builder.Append("{\"s\":\"", events);
        for (var sent = 0L; sent < 50_000_000 && !builder.IsFinished; sent += chunk.Length)
        {
            builder.Append(chunk, events);
        }

        var error = Assert.IsType<ErrorEvent>(events[^2]);
        Assert.Equal(("too_large", false), (error.Code, error.Retryable));
        var final = Assert.IsType<FinalEvent>(events[^1]);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        var kept = ((StringNode)((ObjectNode)final.Object).Members[0].Value).Length;
        Assert.Equal(16_000_000 - 6, kept);
    }

    [Fact]
    public void The_limit_never_cuts_between_the_halves_of_a_surrogate_pair()
    {
        using var builder = new EventStreamBuilder(new EventStreamOptions { MaxInputLength = 8 });
        var events = new List<StreamEvent>();

        builder.Append("{\"s\":\"a\U0001F600b\"}", events); // the 8th character is the emoji's first half

        var final = Assert.IsType<FinalEvent>(events[^1]);
        Assert.Equal("""{"s":"a"}""", final.Object.ToJsonString());
    }

    [Fact]
    public void A_million_one_character_chunks_build_the_same_object_as_one_chunk()
    {
        var text = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 100_000).Select(i => i % 10)) + "],\"s\":\"" + new string('x', 800_000) + "\"}";
        Assert.True(text.Length >= 1_000_000);

        using var builder = new EventStreamBuilder();
        var events = new List<StreamEvent>();
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(text.AsSpan(i, 1), events);
        }

        builder.Finish(events);

        var final = Assert.IsType<FinalEvent>(events[^1]);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        DocumentAssert.Equal(DocumentAssert.SystemTextJson(text), final.Object);
        DocumentAssert.Equal(final.Object, DocumentAssert.Replay(events.Select((e, i) => new SequencedEvent(i + 1, e))));
    }

    [Fact]
    public void NUL_characters_and_broken_UTF_16_are_repaired_and_named()
    {
        // Built here, not as theory data: the test runner's serializer would turn lone surrogates into U+FFFD itself.
        (string Text, string Repair, string Value)[] cases =
        [
            ("{\"s\":\"a\u0000b\"}", "control_character", "a\u0000b"),
            ("{\"s\":\"a" + '\uD800' + "b\"}", "invalid_unicode", "a\uFFFDb"),
            ("{\"s\":\"a\\ud800b\"}", "invalid_unicode", "a\uFFFDb"),
            ("{\"s\":\"a" + '\uDC00' + "\"}", "invalid_unicode", "a\uFFFD"),
        ];
        foreach (var (text, repair, value) in cases)
        {
            var run = StreamRun.Of(ChunkedText.CutEvery(text, 2));

            Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
            Assert.Contains(run.Final.Repairs, r => Repair.WireName(r.Kind) == repair);
            Assert.Equal(value, ((StringNode)((ObjectNode)run.Final.Object).Members[0].Value).Value);
        }
    }

    [Fact]
    public void A_hundred_thousand_nested_brackets_end_in_a_parse_error_at_the_depth_limit_in_strict_mode_too()
    {
        using var builder = new EventStreamBuilder(new EventStreamOptions { Parser = new JsonParserOptions { Tolerant = false } });
        var events = new List<StreamEvent>();

        builder.Append(new string('{', 100_000), events);

        var error = Assert.IsType<ErrorEvent>(Assert.Single(events, e => e is ErrorEvent));
        Assert.Equal("parse_error", error.Code);
        Assert.IsType<FinalEvent>(events[^1]);
    }
}
