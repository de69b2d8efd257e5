using System.Net;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>A reader that goes away in each phase of a stream loses nothing it could come back for; and browser origins.</summary>
public sealed class DisconnectTests(OneAtATimeHost host) : IClassFixture<OneAtATimeHost>
{
    [Fact]
    public async Task A_reader_gone_before_the_first_token_comes_back_within_the_grace_period_to_the_whole_stream()
    {
        using var client = host.Client();
        string id;
        using (var response = await client.SendAsync(
            ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { firstTokenMs = 300 } }), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            await ReadEvents.NdjsonAsync(response, max: 1); // started, then gone before any token
        }

        using var resumed = await client.GetAsync($"/v1/streams/{id}/events?after=1", HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEvents.NdjsonAsync(resumed);

        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_queued_stream_whose_reader_never_comes_back_is_cancelled_after_the_grace_period_and_frees_its_place()
    {
        // A client that drops the connection when it stops reading, rather than draining the rest of the body.
        using var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = host.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", "one-at-a-time-" + Guid.NewGuid().ToString("N"));
        using var running = await client.SendAsync(
            ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { scenario = "stall", afterTokens = 3 } }), HttpCompletionOption.ResponseHeadersRead);
        var runningId = running.Headers.GetValues("X-Stream-Id").Single();
        string queuedId;
        using (var queued = await client.SendAsync(ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x" }), HttpCompletionOption.ResponseHeadersRead))
        {
            queuedId = queued.Headers.GetValues("X-Stream-Id").Single();
            var seen = await ReadEvents.NdjsonAsync(queued, max: 2);
            Assert.Equal(StreamPhases.Queued, Assert.IsType<StatusEvent>(seen[1].Event).Phase);
        }

        var state = await ReadEvents.EndedStateAsync(client, queuedId);
        Assert.Equal("cancelled", (string?)state["status"]);
        await client.DeleteAsync($"/v1/streams/{runningId}");

        // Its place was given back: the client's next stream starts at once.
        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "chat", prompt = "x" }));
        Assert.DoesNotContain(events, e => e.Event is StatusEvent { Phase: StreamPhases.Queued });
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_reader_gone_at_the_final_event_resumes_to_the_final_event_again()
    {
        using var client = host.Client();
        var (id, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "chat", prompt = "x" }));

        using var resumed = await client.GetAsync($"/v1/streams/{id}/events?after={events[^2].Seq}", HttpCompletionOption.ResponseHeadersRead);
        var tail = await ReadEvents.NdjsonAsync(resumed);

        Assert.Equal(ReadEvents.Final(events).Checksum, ReadEvents.Final(tail).Checksum);
    }

    [Fact]
    public async Task A_reader_resuming_from_the_final_events_own_seq_gets_the_final_again_not_an_empty_answer()
    {
        using var client = host.Client();
        var (id, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "chat", prompt = "x" }));

        using var resumed = await client.GetAsync($"/v1/streams/{id}/events?after={events[^1].Seq}", HttpCompletionOption.ResponseHeadersRead);
        var again = Assert.Single(await ReadEvents.NdjsonAsync(resumed));

        Assert.Equal(events[^1].Seq, again.Seq);
        Assert.Equal(ReadEvents.Final(events).Checksum, Assert.IsType<FinalEvent>(again.Event).Checksum);
    }

    [Fact]
    public async Task Only_the_configured_browser_origins_may_call_the_api()
    {
        using var client = host.Client();

        using var allowed = await client.SendAsync(Preflight(OneAtATimeHost.AllowedOrigin));
        using var other = await client.SendAsync(Preflight("https://elsewhere.example"));

        Assert.Equal(OneAtATimeHost.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/streams");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return request;
    }
}
