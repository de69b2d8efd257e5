using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;
using StructuredStream.Validation;

namespace StructuredStream.Tests.Validation;

public sealed class PartialValidationTests
{
    private const string Ticket = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["title", "priority"],
          "properties": {
            "title": {"type": "string", "maxLength": 20},
            "priority": {"enum": ["low", "medium", "high"]},
            "email": {"type": "string", "format": "email"},
            "count": {"type": "integer", "minimum": 0},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2, "uniqueItems": true},
            "kind": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^k"}]},
            "meta": {"type": "object", "x-stream": "atomic"}
          }
        }
        """;

    private static readonly CompiledSchema TicketSchema = SchemaLoader.Load(Ticket);

    private static StreamRun Stream(string json, ViolationPolicy policy = ViolationPolicy.Abort, int chunk = 1) =>
        StreamRun.Of(ChunkedText.CutEvery(json, chunk), new EventStreamOptions { Schema = TicketSchema, ViolationPolicy = policy });

    [Fact]
    public void A_valid_object_streams_to_completed_with_no_errors()
    {
        var run = Stream("""{"title":"Printer","priority":"high","tags":["a","b"],"count":3,"kind":"kx","meta":{"a":[1]}}""");

        Assert.Null(run.Error);
        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        Assert.Empty(run.Final.Errors);
    }

    [Theory]
    [InlineData("""{"title":5""", "/title", "type", """{}""")]
    [InlineData("""{"title":"ok","nope":1}""", "/nope", "additionalProperties", """{"title":"ok"}""")]
    [InlineData("""{"title":"this title is far too long for it""", "/title", "maxLength", null)]
    [InlineData("""{"priority":"hx""", "/priority", "enum", """{}""")]
    [InlineData("""{"count":-1}""", "/count", "minimum", """{}""")]
    [InlineData("""{"count":1.5}""", "/count", "type", """{}""")]
    [InlineData("""{"tags":["a","a"]}""", "/tags", "uniqueItems", null)]
    [InlineData("""{"tags":["a","b","c"]}""", "/tags", "maxItems", """{"tags":["a","b"]}""")]
    [InlineData("""{"kind":"zz"}""", "/kind", "anyOf", """{}""")]
    [InlineData("""{"email":"not-an-email"}""", "/email", "format", """{}""")]
    [InlineData("""{"title":"t"}""", "", "required", """{"title":"t"}""")]
    public void A_violation_ends_the_stream_at_the_first_token_that_proves_it(string json, string path, string keyword, string? shown)
    {
        var run = Stream(json);

        var error = Assert.IsType<ErrorEvent>(run.Events[^2].Event);
        Assert.Equal("schema_violation", error.Code);
        Assert.Equal(path, error.Path);
        Assert.Equal(keyword, error.Keyword);
        Assert.Equal(StreamOutcome.Invalid, run.Final.Outcome);
        Assert.Equal(keyword, Assert.Single(run.Final.Errors).Keyword);
        // What was shown stays shown: the final object is the replay of the patches sent before the error.
        DocumentAssert.Equal(run.Final.Object, DocumentAssert.Replay(run.Events));
        if (shown is not null)
        {
            DocumentAssert.Equal(DocumentNode.Parse(shown), run.Final.Object);
        }
    }

    /// <summary>
    /// Values a decimal or a double cannot hold exactly, where a rounded comparison would report a violation that the
    /// final validation (exact) does not: the stream must complete, valid.
    /// </summary>
    [Theory]
    [InlineData("""{"type":"number","exclusiveMinimum":0}""", "1e-30")]
    [InlineData("""{"type":"number","exclusiveMinimum":0}""", "0.00000000000000000000000000001")]
    [InlineData("""{"type":"number","exclusiveMaximum":1}""", "0.99999999999999999999999999999")]
    [InlineData("""{"type":"number","multipleOf":1e-30}""", "5")]
    [InlineData("""{"type":"array","items":{"type":"integer"},"uniqueItems":true}""", "[1234567890123456789,1234567890123456788]")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "[9007199254740992,9007199254740993,[1,1.0000000000000001]]")]
    public void Numbers_beyond_what_decimal_or_double_hold_are_not_flagged_when_they_are_valid(string schema, string json)
    {
        var run = StreamRun.Of(ChunkedText.CutEvery(json, 1), new EventStreamOptions { Schema = SchemaLoader.Load(schema) });

        Assert.Null(run.Error);
        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        Assert.Empty(run.Final.Errors);
    }

    /// <summary>
    /// Lengths count text elements, as the final validation (JsonSchema.Net) does: a flag is two code points and one
    /// element, an accent written as a combining mark one element with its letter. Cut into one-character chunks.
    /// </summary>
    [Theory]
    [InlineData("""{"type":"string","maxLength":1}""", "\"\uD83C\uDDEB\uD83C\uDDF7\"", null)]
    [InlineData("""{"type":"string","maxLength":1}""", "\"e\u0301\"", null)]
    [InlineData("""{"type":"string","maxLength":2}""", "\"e\u0301e\u0301\"", null)]
    [InlineData("""{"type":"string","maxLength":2}""", "\"e\u0301ab\"", "maxLength")]
    [InlineData("""{"type":"string","minLength":2}""", "\"\uD83C\uDDEB\uD83C\uDDF7\"", "minLength")]
    [InlineData("""{"type":"string","minLength":2}""", "\"\r\n\"", "minLength")]
    public void Lengths_count_text_elements_as_the_final_validation_does(string schema, string json, string? keyword)
    {
        var run = StreamRun.Of(ChunkedText.CutEvery(json, 1), new EventStreamOptions { Schema = SchemaLoader.Load(schema) });

        Assert.Equal(keyword, run.Error?.Keyword);
        Assert.Equal(keyword is null ? StreamOutcome.Completed : StreamOutcome.Invalid, run.Final.Outcome);
    }

    [Theory]
    [InlineData("""{"type":"array","items":{"type":"integer"},"uniqueItems":true}""", "[1234567890123456789,1234567890123456789]")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "[100,1e2]")]
    public void Equal_items_are_still_repeats_however_their_numbers_are_written(string schema, string json)
    {
        var run = StreamRun.Of(ChunkedText.CutEvery(json, 1), new EventStreamOptions { Schema = SchemaLoader.Load(schema) });

        Assert.Equal("uniqueItems", run.Error?.Keyword);
        Assert.Equal(StreamOutcome.Invalid, run.Final.Outcome);
    }

    [Fact]
    public void The_violation_is_reported_before_the_rest_of_the_text_arrives()
    {
        const string Text = """{"title":5,"priority":"low"}""";
        using var builder = new EventStreamBuilder(new EventStreamOptions { Schema = TicketSchema });
        var events = new List<StreamEvent>();
        var fed = 0;
        while (!builder.IsFinished)
        {
            builder.Append(Text.AsSpan(fed++, 1), events);
        }

        // A number is whole only when the next character ends it.
        Assert.Equal("""{"title":5,""".Length, fed);
    }

    [Fact]
    public void Continue_reports_every_violation_and_the_final_validation_confirms_them()
    {
        var run = Stream("""{"title":5,"priority":"urgent","count":-2}""", ViolationPolicy.Continue);

        var errors = run.Events.Select(e => e.Event).OfType<ErrorEvent>().ToList();
        Assert.Equal(["/title", "/priority", "/count"], errors.Select(e => e.Path));
        Assert.Equal(StreamOutcome.Invalid, run.Final.Outcome);
        foreach (var error in errors)
        {
            Assert.Contains(run.Final.Errors, f => f.Path == error.Path && f.Keyword == error.Keyword);
        }

        DocumentAssert.Equal(DocumentNode.Parse("""{"title":5,"priority":"urgent","count":-2}"""), run.Final.Object);
    }

    [Fact]
    public void Enum_strings_arrive_whole_while_plain_strings_grow()
    {
        var run = Stream("""{"title":"Printer","priority":"medium"}""");

        var ops = run.Patches.SelectMany(p => p.Ops).ToList();
        Assert.Contains(ops, o => o.Op == PatchOperationKind.Append && o.Path == "/title");
        var priority = Assert.Single(ops, o => o.Path == "/priority");
        Assert.Equal(PatchOperationKind.Add, priority.Op);
        Assert.Equal("\"medium\"", priority.Value!.ToJsonString());
    }

    [Fact]
    public void An_atomic_object_is_added_once_whole_and_marked_complete()
    {
        var run = Stream("""{"title":"t","priority":"low","meta":{"a":[1,{"b":"cc"}],"d":"text"}}""");

        var metaOps = run.Patches.SelectMany(p => p.Ops).Where(o => o.Path.StartsWith("/meta", StringComparison.Ordinal)).ToList();
        var add = Assert.Single(metaOps);
        Assert.Equal(PatchOperationKind.Add, add.Op);
        DocumentAssert.Equal(DocumentNode.Parse("""{"a":[1,{"b":"cc"}],"d":"text"}"""), add.Value!);
        Assert.Contains("/meta", run.CompletedPaths);
        Assert.DoesNotContain(run.CompletedPaths, p => p.StartsWith("/meta/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_held_value_cut_off_by_cancellation_is_not_shown()
    {
        using var builder = new EventStreamBuilder(new EventStreamOptions { Schema = TicketSchema });
        var events = new List<StreamEvent>();
        builder.Append("""{"title":"t","priority":"hi""", events);
        builder.Finish(events, StreamOutcome.Cancelled);

        var final = Assert.IsType<FinalEvent>(events[^1]);
        DocumentAssert.Equal(DocumentNode.Parse("""{"title":"t"}"""), final.Object);
    }

    [Fact]
    public void A_catastrophic_pattern_stops_the_stream_with_a_clear_error_instead_of_hanging()
    {
        var schema = SchemaLoader.Load("""{"type":"string","pattern":"^(a+)+$"}""", new SchemaLoadOptions { Limits = new SchemaLimits { PatternMatchTimeout = TimeSpan.FromMilliseconds(20) } });
        var run = StreamRun.Of("\"" + new string('a', 40) + "!\"", new EventStreamOptions { Schema = schema });

        Assert.Equal("pattern_timeout", run.Error!.Code);
        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
    }

    [Fact]
    public void A_catastrophic_member_name_pattern_stops_the_stream_with_a_clear_error_and_keeps_what_came_before()
    {
        var schema = SchemaLoader.Load("""{"type":"object","patternProperties":{"^(a+)+$":{"type":"number"}}}""", new SchemaLoadOptions { Limits = new SchemaLimits { PatternMatchTimeout = TimeSpan.FromMilliseconds(20) } });
        var run = StreamRun.Of(["{\"ok\":1,", "\"" + new string('a', 40) + "!\":2}"], new EventStreamOptions { Schema = schema });

        Assert.Equal("pattern_timeout", run.Error!.Code);
        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        DocumentAssert.Equal(DocumentNode.Parse("""{"ok":1}"""), run.Final.Object);
    }

    [Fact]
    public void The_final_validator_times_out_catastrophic_patterns_too()
    {
        var schema = SchemaLoader.Load("""{"anyOf":[{"type":"string","pattern":"^(a+)+$"}, {"type":"number"}]}""", new SchemaLoadOptions { Limits = new SchemaLimits { PatternMatchTimeout = TimeSpan.FromMilliseconds(20) } });

        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() => schema.Final.Validate(new StringNode(new string('a', 40) + "!")));
    }

    [Fact]
    public void Plain_text_chat_is_a_string_schema_that_streams()
    {
        var schema = SchemaLoader.Load("""{"type":"string"}""");
        var run = StreamRun.Of(ChunkedText.CutEvery("\"Hello, world\"", 3), new EventStreamOptions { Schema = schema });

        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        Assert.True(run.Patches.Count() > 2);
    }
}
