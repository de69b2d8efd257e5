using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>
/// <c>Streams:CoalesceWithin</c>: the events of model chunks that come within the window are sent as one <c>patch</c> and
/// one <c>complete</c>; a model that pauses longer than the window still has each chunk shown before its next one.
/// </summary>
public sealed class CoalescingTests(CoalescingTests.FastModelHost fast, CoalescingTests.PausingUpstreamHost pausing)
    : IClassFixture<CoalescingTests.FastModelHost>, IClassFixture<CoalescingTests.PausingUpstreamHost>
{
    private static readonly JsonObject Ticket = JsonNode.Parse("""
        {"type":"object","additionalProperties":false,"required":["title"],
         "properties":{"title":{"type":"string"},"note":{"type":"string"}}}
        """)!.AsObject();

    [Fact]
    public async Task A_whole_answer_written_within_the_window_arrives_as_one_patch_and_one_complete_before_final()
    {
        using var client = fast.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "sales-dashboard", prompt = "Q3 by region" }));

        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Single(events, e => e.Event is PatchEvent);
        var complete = Assert.Single(events.Select(e => e.Event).OfType<CompleteEvent>());
        Assert.Contains("", complete.Paths);
        Assert.True(complete.Paths.Count > 10, $"{complete.Paths.Count} paths completed");
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        Assert.Equal(CanonicalJson.Checksum(ReadEvents.Replay(events)), final.Checksum);
        ReadEvents.AssertOrdered(events);
    }

    [Fact]
    public async Task A_model_that_pauses_longer_than_the_window_has_each_chunk_sent_before_its_next()
    {
        string[] pieces = ["{\"title\":\"Pri", "nter jam", "\",\"note\":\"to", "ner\"}"];
        var script = pausing.Upstream.Script(call => call.StreamAsync(pieces, pause: TimeSpan.FromSeconds(1)));
        using var client = pausing.Service.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = Ticket, prompt = script.Key }));

        Assert.Equal(pieces.Length, events.Count(e => e.Event is PatchEvent));
        var final = ReadEvents.Final(events);
        Assert.Equal("""{"title":"Printer jam","note":"toner"}""", final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task Chunks_that_come_together_are_merged_and_a_string_grows_by_one_op()
    {
        string[] pieces = ["{\"title\":\"Pri", "nter", " jam", "\"}"];
        var script = pausing.Upstream.Script(call => call.StreamAsync(pieces));
        using var client = pausing.Service.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = Ticket, prompt = script.Key }));

        var patch = Assert.Single(events.Select(e => e.Event).OfType<PatchEvent>());
        var op = Assert.Single(patch.Ops);
        Assert.Equal("", op.Path);
        Assert.Equal("""{"title":"Printer jam"}""", op.Value!.ToJsonString());
        Assert.Equal(["/title", ""], events.Select(e => e.Event).OfType<CompleteEvent>().SelectMany(c => c.Paths));
    }

    /// <summary>The simulated model as fast as it can, and a window longer than any test's answer.</summary>
    public sealed class FastModelHost() : ServiceHost(new Dictionary<string, string?>
    {
        ["StructuredStream:Streams:CoalesceWithin"] = "00:00:30",
    });

    /// <summary>The openai provider against the fake upstream, with a 300 ms window.</summary>
    public sealed class PausingUpstreamHost : FakeProviderServiceHost
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["StructuredStream:Streams:CoalesceWithin"] = "00:00:00.300",
        };
    }
}
