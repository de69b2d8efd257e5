using System.Net;
using System.Text.Json;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>Stop, drop and come back: DELETE, a reader going away, resuming from a cursor, a second viewer.</summary>
public abstract class CancelAndResumeTests(ServiceHost host)
{
    /// <summary>Slow enough that the stream is still running while the test acts on it.</summary>
    private static object SlowStream(string schemaId = "research-answer") =>
        new { schemaId, prompt = "x", simulation = new { tokensPerSecond = 50 } };

    [Fact]
    public async Task Delete_cancels_the_model_call_and_the_stream_ends_cancelled_with_its_partial_object()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(SlowStream()), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        var reading = ReadEvents.NdjsonAsync(response);
        await Task.Delay(300);

        using var deleted = await client.DeleteAsync($"/v1/streams/{id}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var state = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync());
        Assert.Equal("cancelled", state.RootElement.GetProperty("status").GetString());
        var events = await reading;
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
        Assert.NotEqual(LiteralNode.Null, final.Object);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        Assert.Equal(final.Object.ToJsonString(), state.RootElement.GetProperty("object").GetRawText());
    }

    [Fact]
    public async Task A_reader_that_resumes_after_its_last_seq_gets_exactly_the_rest()
    {
        using var client = host.Client();
        var first = new List<SequencedEvent>();
        string id;
        using (var response = await client.SendAsync(ReadEvents.Post(SlowStream()), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            first.AddRange(await ReadEvents.NdjsonAsync(response, max: 12));
        }

        // Well within the grace period: the generation is still running.
        var lastSeq = first.Last(e => e.Event is not HeartbeatEvent).Seq;
        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/v1/streams/{id}/events");
        resume.Headers.Add("Last-Event-ID", lastSeq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var resumed = await client.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        var rest = await ReadEvents.NdjsonAsync(resumed);

        // The rest starts right after the cursor: at lastSeq + 1, or, when the reader is behind and the next events are
        // patches, at one merged patch carrying the last seq of the run it covers (docs/protocol.md, "Catching up").
        var next = rest.First(e => e.Event is not HeartbeatEvent);
        Assert.True(next.Seq == lastSeq + 1 || (next.Seq > lastSeq && next.Event is PatchEvent), $"resumed at {next.Seq} ({next.Event.Type}) after {lastSeq}");
        var all = first.Concat(rest).ToList();
        ReadEvents.AssertOrdered(all);
        var final = ReadEvents.Final(all);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(all)));
    }

    [Fact]
    public async Task A_second_viewer_sees_the_same_object_and_a_resume_after_final_returns_the_tail()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(SlowStream("support-ticket")), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        using var second = await client.GetAsync($"/v1/streams/{id}/events?after=0", HttpCompletionOption.ResponseHeadersRead);

        var mine = await ReadEvents.NdjsonAsync(response);
        var theirs = await ReadEvents.NdjsonAsync(second);

        Assert.Equal(ReadEvents.Final(mine).Checksum, ReadEvents.Final(theirs).Checksum);
        Assert.True(DocumentNode.DeepEquals(ReadEvents.Replay(mine), ReadEvents.Replay(theirs)));
        var finalSeq = mine[^1].Seq;
        using var tail = await client.GetAsync($"/v1/streams/{id}/events?after={finalSeq - 1}");
        var tailEvents = await ReadEvents.NdjsonAsync(tail);
        Assert.Equal(finalSeq, Assert.Single(tailEvents).Seq);
        Assert.IsType<FinalEvent>(tailEvents[0].Event);
    }

    [Fact]
    public async Task With_no_reader_left_after_the_grace_period_the_generation_is_cancelled()
    {
        using var client = host.Client();
        string id;
        using (var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { tokensPerSecond = 10 } }), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            await ReadEvents.NdjsonAsync(response, max: 3);
        }

        var state = await ReadEvents.EndedStateAsync(client, id);

        Assert.Equal("cancelled", (string?)state["status"]);
    }

    [Fact]
    public async Task A_reader_that_comes_back_within_the_grace_period_keeps_the_generation_alive()
    {
        using var client = host.Client();
        string id;
        using (var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { tokensPerSecond = 60 } }), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            await ReadEvents.NdjsonAsync(response, max: 3);
        }

        using var again = await client.GetAsync($"/v1/streams/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEvents.NdjsonAsync(again);

        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }
}

/// <summary>Over a real loopback socket.</summary>
public sealed class CancelAndResumeTestsOverSocket(ServiceHost host) : CancelAndResumeTests(host), IClassFixture<ServiceHost>;

/// <summary>In process (TestServer).</summary>
public sealed class CancelAndResumeTestsInProcess(InProcessServiceHost host) : CancelAndResumeTests(host), IClassFixture<InProcessServiceHost>;
