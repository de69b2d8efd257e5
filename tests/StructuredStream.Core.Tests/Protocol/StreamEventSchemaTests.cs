using System.Text.Json;
using Json.Schema;
using StructuredStream.Documents;
using StructuredStream.Protocol;
using StructuredStream.Samples;
using StructuredStream.Tests.Samples;
using StructuredStream.Tests.Support;
using StructuredStream.Validation;

namespace StructuredStream.Tests.Protocol;

/// <summary>The published schema of the wire format describes what the serializer writes, event by event.</summary>
public sealed class StreamEventSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(StreamEventSchema.Text);

    public static TheoryData<string> Texts() => new()
    {
        """{"title":"Hel""" + """lo","tags":["a"],"n":42}""",
        "Sure! Here it is:\n```json\n{\"a\": [1, 2,], // two\n \"a\": true}\n```\nAnything else?",
        """{"unfinished": ["text""",
        """{"a": 1} {"b": 2}""",
        """{"a": }""",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_event_of_a_stream_is_valid_against_the_schema(string text)
    {
        var run = StreamRun.Of(ChunkedText.CutEvery(text, 3));

        AssertAllValid(run.Events);
    }

    [Fact]
    public void Events_of_streams_that_follow_or_break_a_schema_are_valid_against_it()
    {
        foreach (var (name, schema) in SampleSchemas.All())
        {
            var document = new SampleGenerator(schema).Generate(seed: 3).ToJsonString();
            foreach (var policy in new[] { ViolationPolicy.Abort, ViolationPolicy.Continue })
            {
                var valid = StreamRun.Of(ChunkedText.CutEvery(document, 5), new() { Schema = schema, ViolationPolicy = policy });
                var broken = StreamRun.Of(ChunkedText.CutEvery("""{"surely":"not this", "n": -1}""", 5), new() { Schema = schema, ViolationPolicy = policy });
                AssertAllValid(valid.Events, name);
                AssertAllValid(broken.Events, name);
            }
        }
    }

    [Fact]
    public void The_service_events_are_valid_against_the_schema()
    {
        AssertAllValid(
        [
            new(1, new StartedEvent("st_1", "sha256:ab", "simulated", "/v1/streams/st_1/events") { SchemaId = "support-ticket" }),
            new(2, new StatusEvent(StreamPhases.Retrieval) { Name = "lookup", Detail = "done", DurationMs = 12 }),
            new(3, new StatusEvent(StreamPhases.Queued) { Position = 2 }),
            new(3, new HeartbeatEvent()),
            new(0, new HeartbeatEvent()),
        ]);
    }

    [Theory]
    [InlineData("""{"seq":1,"type":"patch"}""")]
    [InlineData("""{"seq":1,"type":"patch","ops":[{"op":"merge","path":"/a","value":1}]}""")]
    [InlineData("""{"seq":0,"type":"complete","paths":["/a"]}""")]
    [InlineData("""{"seq":2,"type":"final","outcome":"done","object":{},"repairs":[],"errors":[],"checksum":"sha256:00"}""")]
    [InlineData("""{"seq":2,"type":"error","code":"model_error","message":"x"}""")]
    public void Events_that_break_the_format_are_not(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.False(Schema.Evaluate(document.RootElement).IsValid);
    }

    private static void AssertAllValid(IEnumerable<SequencedEvent> events, string? context = null)
    {
        foreach (var line in Wire.ToNdjson(events).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"));
            Assert.True(result.IsValid, $"{context}: {line}\n{string.Join("\n", errors)}");
        }
    }
}
