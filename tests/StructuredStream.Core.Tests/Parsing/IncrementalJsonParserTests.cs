using System.Text;
using StructuredStream.Parsing;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Parsing;

public sealed class IncrementalJsonParserTests
{
    private static readonly EventStreamOptions Strict = SuiteParse.Strict;

    public static TheoryData<string, string, string[]> Repairs => new()
    {
        { "\uFEFF{\"a\":1}", """{"a":1}""", ["byte_order_mark"] },
        { "Here is the JSON you asked for:\n{\"a\":1}", """{"a":1}""", ["leading_text"] },
        { "Sure! [1, 2] are the values: {\"a\":[1,2]}", """[1,2]""", ["leading_text", "trailing_text"] },
        { "The answer is true, as JSON: {\"ok\":true}", """{"ok":true}""", ["leading_text"] },
        { "```json\n{\"a\":1}\n```", """{"a":1}""", ["code_fence"] },
        { "Result:\n```json\n{\"a\":1}\n```\nHope this helps!", """{"a":1}""", ["leading_text", "code_fence", "trailing_text"] },
        { "{\"a\":1} and that is all.", """{"a":1}""", ["trailing_text"] },
        { "{\"a\":[1,2,],}", """{"a":[1,2]}""", ["trailing_comma"] },
        { "{\"a\":1, // the count\n\"b\":/* two */2}", """{"a":1,"b":2}""", ["comment"] },
        { "{\r\n  \"a\": \"x\"\r\n}\r\n", """{"a":"x"}""", [] },
        { "{\"a\":\"line\nbreak\"}", """{"a":"line\nbreak"}""", ["control_character"] },
        { "{\"a\":\"\\q\"}", """{"a":"q"}""", ["invalid_escape"] },
        { "[\"\\uD800x\"]", "[\"\uFFFDx\"]", ["invalid_unicode"] },
        { "{\"a\":1,\"a\":2}", """{"a":2}""", ["duplicate_key"] },
        { "{\"a\":[\"x\",{\"b\":\"unfinis", """{"a":["x",{"b":"unfinis"}]}""", ["truncated"] },
        { "{\"a\":1,\"b\"", """{"a":1}""", ["truncated"] },
        { "{\"a\":12", """{"a":12}""", ["truncated"] },
        { "[1, tr", """[1]""", ["truncated"] },
        { "[\"a\\u00", """["a"]""", ["truncated"] },
    };

    [Theory]
    [MemberData(nameof(Repairs))]
    public void Tolerant_mode_repairs_what_models_get_wrong_and_names_each_repair(string text, string expected, string[] repairs)
    {
        var run = StreamRun.Of(text);

        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        Assert.Equal(expected, run.Final.Object.ToJsonString());
        Assert.Equal(repairs.Order(StringComparer.Ordinal), run.Final.Repairs.Select(r => Repair.WireName(r.Kind)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Repairs))]
    public void Repairs_do_not_depend_on_where_the_text_is_cut(string text, string expected, string[] repairs)
    {
        _ = repairs;
        var whole = StreamRun.Of(text);
        for (var cut = 0; cut <= text.Length; cut++)
        {
            var split = StreamRun.Of([text[..cut], "", text[cut..]]);

            Assert.Equal(expected, split.Final.Object.ToJsonString());
            Assert.Equal(whole.Final.Repairs.Select(r => (r.Kind, r.Count)), split.Final.Repairs.Select(r => (r.Kind, r.Count)));
        }
    }

    [Theory]
    [MemberData(nameof(Repairs))]
    public void Strict_mode_rejects_instead_of_repairing(string text, string expected, string[] repairs)
    {
        _ = expected;
        var run = StreamRun.Of(text, Strict);

        if (repairs is [] or ["duplicate_key"])
        {
            Assert.Equal(StreamOutcome.Completed, run.Final.Outcome); // CRLF is JSON whitespace; duplicate names are JSON
        }
        else
        {
            Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
            Assert.Equal("parse_error", run.Error!.Code);
            Assert.Empty(run.Final.Repairs);
        }
    }

    [Fact]
    public void Repairs_count_each_occurrence_and_keep_the_offset_of_the_first()
    {
        var run = StreamRun.Of("[1,2,[3,],]");

        var comma = Assert.Single(run.Final.Repairs);
        Assert.Equal((RepairKind.TrailingComma, 2, 8), (comma.Kind, comma.Count, comma.Offset));
    }

    [Fact]
    public void Repair_offsets_point_at_what_was_repaired()
    {
        var run = StreamRun.Of(["Result:\n``", "`json\n{\"a\":1}\n```\nDone."]);

        Assert.Equal(
            [(RepairKind.LeadingText, 1, 0L), (RepairKind.CodeFence, 2, 8L), (RepairKind.TrailingText, 1, 28L)],
            run.Final.Repairs.Select(r => (r.Kind, r.Count, r.Offset)).OrderBy(r => r.Offset));
    }

    [Fact]
    public void Strict_mode_reports_where_the_text_went_wrong()
    {
        var run = StreamRun.Of(["{\"a\": [1, 2", ",]}"], Strict);

        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        Assert.Equal(12, run.Error!.Offset);
        Assert.Contains("offset 12", run.Error.Message, StringComparison.Ordinal);
        Assert.Equal("""{"a":[1,2]}""", run.Final.Object.ToJsonString()); // what was streamed before the fault stays
    }

    [Fact]
    public void Strict_mode_rejects_an_unfinished_document()
    {
        var run = StreamRun.Of("{\"a\": [1, 2", Strict);

        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        Assert.Equal("""{"a":[1,2]}""", run.Final.Object.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("I cannot help with that.")]
    public void A_text_without_any_JSON_value_fails_with_a_clear_error(string text)
    {
        var run = StreamRun.Of(text);

        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        Assert.Equal("No JSON value was found in the input.", run.Error!.Message);
    }

    [Theory]
    [InlineData("\"\\u00e9\\u4e2d\"", "é中")]
    [InlineData("\"\\uD83D\\uDE00!\"", "😀!")]
    [InlineData("\"😀𝄞\"", "😀𝄞")]
    [InlineData("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "a\"b\\c/d\b\f\n\r\t")]
    public void Strings_decode_the_same_whatever_the_chunk_boundaries(string text, string expected)
    {
        foreach (var chunks in EveryTwoAndThreeWaySplit(text))
        {
            var value = StreamRun.Of(chunks, Strict).Final.Object;

            Assert.Equal(expected, ((StructuredStream.Documents.StringNode)value).Value);
        }
    }

    [Theory]
    [InlineData("{\"a longer key\":123456789,\"b\":true,\"c\":null,\"d\":false,\"e\":-1.5e-7}")]
    [InlineData("[123456789012345678901234567890, 1E400, -0, 0.1e+2]")]
    public void Keys_numbers_and_literals_arrive_whole_whatever_the_chunk_boundaries(string text)
    {
        var expected = Tokens([text]);
        foreach (var chunks in EveryTwoAndThreeWaySplit(text))
        {
            Assert.Equal(expected, Tokens(chunks));
        }
    }

    [Fact]
    public void Strings_grow_in_segments_as_their_text_arrives()
    {
        var tokens = Tokens(["[\"Hel", "", "lo, w", "orld\"]"], joinSegments: false);

        Assert.Equal(["StartArray", "StringStart", "StringSegment Hel", "StringSegment lo, w", "StringSegment orld", "StringEnd", "EndArray"], tokens);
    }

    [Fact]
    public void Empty_chunks_anywhere_change_nothing()
    {
        const string text = "{\"a\": [1, \"two\", {\"three\": 3.0}]}";
        var withEmpty = text.SelectMany(c => new[] { "", c.ToString(), "" }).ToArray();

        Assert.Equal(Tokens([text]), Tokens(withEmpty));
    }

    [Fact]
    public void Numbers_keep_their_exact_text_beyond_64_bits_and_beyond_double_range()
    {
        var run = StreamRun.Of("{\"big\": 123456789012345678901234567890, \"huge\": 1E400, \"tiny\": 1e-400, \"neg\": -0.0}");

        Assert.Equal("""{"big":123456789012345678901234567890,"huge":1E400,"tiny":1e-400,"neg":-0.0}""", run.Final.Object.ToJsonString());
    }

    [Fact]
    public void Nesting_past_the_depth_limit_fails_with_a_clear_error_instead_of_overflowing_the_stack()
    {
        var options = new EventStreamOptions { Parser = new JsonParserOptions { MaxDepth = 3 } };

        var ok = StreamRun.Of("[[[1]]]", options);
        var tooDeep = StreamRun.Of("[[[[1]]]]", options);

        Assert.Equal(StreamOutcome.Completed, ok.Final.Outcome);
        Assert.Equal(StreamOutcome.Failed, tooDeep.Final.Outcome);
        Assert.Equal("Nesting is deeper than the limit of 3.", tooDeep.Error!.Message[..38]);
        Assert.Equal("[[[]]]", tooDeep.Final.Object.ToJsonString());
    }

    [Fact]
    public void A_million_open_brackets_with_a_high_limit_end_cleanly()
    {
        var options = new EventStreamOptions { Parser = new JsonParserOptions { MaxDepth = 1000 } };
        var chunks = Enumerable.Repeat(new string('[', 1000), 1000);

        var run = StreamRun.Of(chunks, options);

        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        Assert.Equal(1000, run.Error!.Offset);
    }

    [Fact]
    public void Member_names_and_numbers_longer_than_the_limit_are_refused()
    {
        var options = new EventStreamOptions { Parser = new JsonParserOptions { MaxTokenLength = 16 } };

        var run = StreamRun.Of("{\"" + new string('k', 17) + "\": 1}", options);

        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        Assert.Contains("16", run.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Out_of_range_options_are_refused_when_the_parser_is_created(int maxDepth)
    {
        var options = new JsonParserOptions { MaxDepth = maxDepth };

        Assert.Throws<ArgumentOutOfRangeException>(() => new IncrementalJsonParser(options));
    }

    [Fact]
    public void Invalid_UTF8_bytes_are_replaced_when_tolerant_and_refused_when_strict()
    {
        byte[] bytes = [.. "[\""u8, 0xC3, .. "\"]"u8];

        var tolerant = SuiteParse.Run(bytes, EventStreamOptions.Default);
        var strict = SuiteParse.Run(bytes, Strict);

        Assert.Equal("[\"\uFFFD\"]", tolerant.Final.Object.ToJsonString());
        Assert.Equal(RepairKind.InvalidUtf8, Assert.Single(tolerant.Final.Repairs).Kind);
        Assert.Equal(StreamOutcome.Failed, strict.Final.Outcome);
    }

    [Fact]
    public void A_UTF8_sequence_split_across_byte_chunks_decodes_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("[\"é中😀\"]");

        for (var size = 1; size <= 4; size++)
        {
            var array = (StructuredStream.Documents.ArrayNode)SuiteParse.Run(bytes, Strict, size).Final.Object;
            Assert.Equal("é中😀", ((StructuredStream.Documents.StringNode)array[0]).Value);
        }
    }

    [FsCheck.Xunit.Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Reading_a_whole_chunk_at_once_hands_out_the_tokens_that_reading_one_at_a_time_returns(ChunkedText input, bool tolerant)
    {
        // Text before and after the value, and a comment, so that the tolerant paths are read both ways too (prose
        // before a scalar root may make it fail: then both ways must fail alike).
        var chunks = tolerant ? ["Here: ", .. input.Chunks, " // done"] : input.Chunks;
        var options = new JsonParserOptions { Tolerant = tolerant };
        using var oneAtATime = new IncrementalJsonParser(options);
        using var wholeChunks = new IncrementalJsonParser(options);
        var expected = new List<string>();
        var recorder = new TokenRecorder([]);
        try
        {
            foreach (var chunk in chunks)
            {
                var position = 0;
                while (oneAtATime.Read(chunk, ref position, out var token))
                {
                    expected.Add(Describe(token));
                }
            }
        }
        catch (JsonParseException e)
        {
            expected.Add(e.Message);
        }

        try
        {
            foreach (var chunk in chunks)
            {
                Assert.True(wholeChunks.ReadChunk(chunk, ref recorder));
            }
        }
        catch (JsonParseException e)
        {
            recorder.Tokens.Add(e.Message);
        }

        Assert.Equal(expected, recorder.Tokens);
        Assert.Equal(oneAtATime.Offset, wholeChunks.Offset);
    }

    /// <summary>Keeps what each token says, as <see cref="Describe"/> writes it.</summary>
    private readonly struct TokenRecorder(List<string> tokens) : IJsonTokenConsumer
    {
        public List<string> Tokens => tokens;

        public bool Accept(in JsonToken token)
        {
            tokens.Add(Describe(token));
            return true;
        }
    }

    private static List<string> Tokens(IEnumerable<string> chunks, bool joinSegments = true)
    {
        using var parser = new IncrementalJsonParser(new JsonParserOptions { Tolerant = false });
        var tokens = new List<string>();
        foreach (var chunk in chunks)
        {
            var position = 0;
            while (parser.Read(chunk, ref position, out var token))
            {
                tokens.Add(Describe(token));
            }
        }

        while (parser.ReadEnd(out var token))
        {
            tokens.Add(Describe(token));
        }

        if (!joinSegments)
        {
            return tokens;
        }

        // Segments may be cut anywhere; joining runs of them makes token lists comparable across chunkings.
        var joined = new List<string>();
        foreach (var t in tokens)
        {
            if (joined.Count > 0 && joined[^1].StartsWith(Segment, StringComparison.Ordinal) && t.StartsWith(Segment, StringComparison.Ordinal))
            {
                joined[^1] += t[Segment.Length..];
            }
            else
            {
                joined.Add(t);
            }
        }

        return joined;
    }

    private const string Segment = "StringSegment ";

    private static string Describe(in JsonToken token) =>
        token.Text.IsEmpty && token.Kind is not (JsonTokenKind.StringSegment or JsonTokenKind.PropertyName)
            ? token.Kind.ToString()
            : $"{token.Kind} {token.Text}";

    private static IEnumerable<string[]> EveryTwoAndThreeWaySplit(string text)
    {
        for (var i = 0; i <= text.Length; i++)
        {
            yield return [text[..i], text[i..]];
            for (var j = i; j <= text.Length; j++)
            {
                yield return [text[..i], text[i..j], text[j..]];
            }
        }
    }
}
