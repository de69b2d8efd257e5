using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>A provider that sends hostile output: each stream ends clearly, keeps what was valid, and the service stays healthy.</summary>
public sealed class HostileOutputTests(HostileUpstreamHost host) : IClassFixture<HostileUpstreamHost>
{
    private static readonly JsonObject AnyObject = JsonNode.Parse("""{"type":"object"}""")!.AsObject();

    [Fact]
    public async Task A_hundred_thousand_nested_brackets_end_in_a_parse_error()
    {
        var events = await StreamAsync(FakeModelCall.Pieces("""{"a":""" + new string('[', 100_000), size: 4096));

        Assert.Equal("parse_error", Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>()).Code);
        Assert.Equal(StreamOutcome.Failed, ReadEvents.Final(events).Outcome);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task An_answer_past_the_length_limit_ends_too_large_keeping_what_came_before()
    {
        var events = await StreamAsync(FakeModelCall.Pieces("{\"s\":\"" + new string('x', 1_000_000) + "\"}", size: 8192));

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("too_large", error.Code);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        Assert.Equal(100_000 - 6, ((StringNode)((ObjectNode)final.Object).Members[0].Value).Length);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task NUL_characters_and_lone_surrogate_escapes_are_repaired_and_named()
    {
        var events = await StreamAsync(["{\"a\":\"x\u0000y\",", "\"b\":\"p\\ud800q\"}"]);

        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal(["control_character", "invalid_unicode"], final.Repairs.Select(r => StructuredStream.Parsing.Repair.WireName(r.Kind)).Order());
        Assert.Equal("{\"a\":\"x\\u0000y\",\"b\":\"p\uFFFDq\"}", final.Object.ToJsonString());
    }

    [Fact]
    public async Task Twenty_thousand_one_character_chunks_stream_through_to_the_same_object()
    {
        var text = """{"items":[""" + string.Join(",", Enumerable.Range(0, 5_000).Select(i => i % 10)) + "]}";

        var events = await StreamAsync(FakeModelCall.Pieces(text, size: 1));

        Assert.True(text.Length >= 10_000);
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
        Assert.Equal(JsonNode.Parse(text)!.ToJsonString(), ReadEvents.Final(events).Object.ToJsonString());
    }

    [Fact]
    public async Task A_catastrophic_pattern_meeting_a_hostile_string_times_out_with_a_clear_error_and_the_service_stays_healthy()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"s":{"type":"string","pattern":"^(a+)+$"}}}""")!.AsObject();

        var events = await StreamAsync(["{\"s\":\"" + new string('a', 40) + "!\"}"], schema);

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Contains("pattern", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<FinalEvent>(events[^1].Event);
        Assert.True(DocumentNode.DeepEquals(ReadEvents.Final(events).Object, ReadEvents.Replay(events)));
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\n\n")]
    [InlineData("data: not json at all\n\n")]
    public async Task Malformed_upstream_SSE_mid_answer_ends_in_a_retryable_error_keeping_the_partial_object(string raw)
    {
        var script = host.Upstream.Script(call => call.StreamThenWriteRawAsync(["{\"title\":\"Kept", " so far\",\"n\":"], raw));
        using var client = host.Service.Client();

        var events = (await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = AnyObject, prompt = script.Key }))).Events;

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("model_error", error.Code);
        Assert.True(error.Retryable);
        Assert.Contains("malformed", error.Message, StringComparison.OrdinalIgnoreCase);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        Assert.Equal("Kept so far", ((StringNode)((ObjectNode)final.Object).Members[0].Value).Value);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        await AssertHealthyAsync();
    }

    private async Task<List<SequencedEvent>> StreamAsync(IEnumerable<string> pieces, JsonObject? schema = null)
    {
        var script = host.Upstream.Script(call => call.StreamAsync(pieces));
        using var client = host.Service.Client();
        return (await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = schema ?? AnyObject, prompt = script.Key }))).Events;
    }

    private async Task AssertHealthyAsync()
    {
        var events = await StreamAsync(["""{"ok":true}"""]);
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }
}
