using System.Diagnostics;
using System.Text.Json.Nodes;
using StructuredStream.Api.Models;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>
/// The <c>openai</c> provider against a fake OpenAI-compatible server on a real loopback socket: what is sent, how
/// the answer streams through, and what happens to the upstream connection when the stream stops early.
/// </summary>
public sealed class OpenAiProviderTests(OpenAiWithRetryHost host) : IClassFixture<OpenAiWithRetryHost>
{
    private const string Answer = """{"title":"Tide tables","notes":["high at 06:12","low at 12:30"]}""";

    /// <summary>Fits OpenAI's strict mode: every property required, no others allowed.</summary>
    private static readonly JsonObject StrictSchema = JsonNode.Parse("""
        {"type":"object","properties":{"title":{"type":"string"},"notes":{"type":"array","items":{"type":"string"}}},
         "required":["title","notes"],"additionalProperties":false}
        """)!.AsObject();

    /// <summary>Does not fit it (an optional property, <c>minLength</c>), and must still be sent as it is.</summary>
    private static readonly JsonObject LooseSchema = JsonNode.Parse("""
        {"type":"object","properties":{"title":{"type":"string","minLength":1},"notes":{"type":"array","items":{"type":"string"}}},
         "required":["title"]}
        """)!.AsObject();

    [Fact]
    public async Task The_users_schema_goes_upstream_untouched_and_strict_only_when_it_fits_the_strict_subset()
    {
        foreach (var (schema, strict) in new[] { (StrictSchema, true), (LooseSchema, false) })
        {
            var script = host.Upstream.Script(call => call.StreamAsync(FakeModelCall.Pieces(Answer)));

            var events = await RunAsync(schema, script);

            var call = Assert.Single(script.Calls);
            Assert.Equal("Bearer test-key", call.Authorization);
            Assert.Equal("fake-model", (string?)call.Body["model"]);
            Assert.True((bool?)call.Body["stream"]);
            Assert.DoesNotContain(ModelClient.StreamIdProperty, call.Body.ToJsonString(), StringComparison.Ordinal); // ours, not the provider's
            var format = call.Body["response_format"]!;
            Assert.Equal("json_schema", (string?)format["type"]);
            Assert.True(JsonNode.DeepEquals(schema, format["json_schema"]!["schema"]), format.ToJsonString());
            Assert.Equal(strict, (bool?)format["json_schema"]!["strict"] ?? false);
            Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
        }
    }

    [Fact]
    public async Task The_answer_streams_through_as_patches_that_rebuild_it()
    {
        var script = host.Upstream.Script(call => call.StreamAsync(FakeModelCall.Pieces(Answer, size: 3)));

        var events = await RunAsync(StrictSchema, script);

        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal(JsonNode.Parse(Answer)!.ToJsonString(), final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task Delete_closes_the_upstream_connection_within_a_second()
    {
        var (events, closedAfter) = await ProviderScenarios.DeleteWhileWritingAsync(host, LooseSchema, """{"title":"Endless","notes":["a" """, ""","b" """);

        Assert.True(closedAfter < TimeSpan.FromSeconds(1));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
        Assert.StartsWith("""{"title":"Endless","notes":["a","b""", final.Object.ToJsonString(), StringComparison.Ordinal);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task A_reader_that_disconnects_keeps_the_upstream_call_for_the_grace_period_then_it_closes_within_a_second()
    {
        var script = host.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Endless","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        var grace = TimeSpan.FromMilliseconds(500); // ServiceHost's ReaderGrace
        long goneAt;
        FakeModelCall call;
        string id;
        // A client that drops the connection when it stops reading, rather than draining the rest of the body.
        using (var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = host.Service.ClientOptions.BaseAddress })
        {
            using (var response = await client.SendAsync(Post(LooseSchema, script), HttpCompletionOption.ResponseHeadersRead))
            {
                id = response.Headers.GetValues("X-Stream-Id").Single();
                await ReadEvents.NdjsonAsync(response, max: 6);
                call = await script.FirstCall;
            }

            goneAt = Stopwatch.GetTimestamp();
        }

        var closedAt = await call.Closed.WaitAsync(grace + TimeSpan.FromSeconds(1));

        Assert.True(Stopwatch.GetElapsedTime(goneAt, closedAt) >= grace * 0.8, "the upstream call outlived the reader for the grace period");
        using var service = host.Service.Client();
        var state = await ReadEvents.EndedStateAsync(service, id);
        Assert.Equal("cancelled", (string?)state["status"]);
        Assert.Equal("Endless", (string?)state["object"]!["title"]);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_the_reader_is_told()
    {
        var script = host.Upstream.Script(call => call.Attempt == 1
            ? call.FailAsync(429, "Rate limit reached for requests", retryAfter: "1")
            : call.StreamAsync(FakeModelCall.Pieces(Answer)));

        var events = await RunAsync(StrictSchema, script);

        Assert.Equal(2, script.Calls.Count);
        var retrying = Assert.Single(events.Select(e => e.Event).OfType<StatusEvent>(), s => s.Phase == StreamPhases.Retrying);
        Assert.StartsWith("Attempt 2 in 1 s", retrying.Detail, StringComparison.Ordinal);
        Assert.Contains("Rate limit reached", retrying.Detail, StringComparison.Ordinal);
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_429_that_outlasts_the_retries_ends_the_stream_rate_limited()
    {
        var script = host.Upstream.Script(call => call.FailAsync(429, "Rate limit reached for requests", retryAfter: "0"));

        var events = await RunAsync(StrictSchema, script);

        Assert.Equal(2, script.Calls.Count);
        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("rate_limited", error.Code);
        Assert.True(error.Retryable);
        Assert.Equal(StreamOutcome.Failed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_server_error_before_the_first_token_is_retried_with_back_off()
    {
        var script = host.Upstream.Script(call => call.Attempt == 1
            ? call.FailAsync(500, "The server had an error while processing your request.")
            : call.StreamAsync(FakeModelCall.Pieces(Answer)));

        var events = await RunAsync(StrictSchema, script);

        Assert.Equal(2, script.Calls.Count);
        Assert.Contains(events, e => e.Event is StatusEvent { Phase: StreamPhases.Retrying });
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_refused_request_is_not_retried_and_says_what_the_provider_said()
    {
        var script = host.Upstream.Script(call => call.FailAsync(400, "Invalid schema for response_format 'response'."));

        var events = await RunAsync(LooseSchema, script);

        Assert.Single(script.Calls);
        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("model_error", error.Code);
        Assert.False(error.Retryable);
        Assert.Contains("(400)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid schema for response_format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_answer_ends_in_an_error_that_keeps_every_patch_already_sent()
    {
        var script = host.Upstream.Script(call => call.StreamThenDropAsync(FakeModelCall.Pieces("""{"title":"Half","notes":["one","tw""")));

        var events = await RunAsync(LooseSchema, script);

        Assert.Single(script.Calls);
        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("model_error", error.Code);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        Assert.Equal("""{"title":"Half","notes":["one","tw"]}""", final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task A_provider_that_stops_writing_is_reported_stalled_then_timed_out_and_its_connection_closed()
    {
        var script = host.Upstream.Script(call => call.StreamThenHangAsync(FakeModelCall.Pieces("""{"title":"Stuck","notes":["x""")));

        var events = await RunAsync(LooseSchema, script);

        var types = events.Select(e => e.Event switch { StatusEvent s => s.Phase, ErrorEvent e2 => e2.Code, _ => e.Event.Type }).ToList();
        Assert.True(types.IndexOf(StreamPhases.Stalled) < types.IndexOf("timed_out"), string.Join(",", types));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.TimedOut, final.Outcome);
        Assert.Equal("Stuck", (string?)JsonNode.Parse(final.Object.ToJsonString())!["title"]);
        await script.Calls[0].Closed.WaitAsync(TimeSpan.FromSeconds(1));
    }

    private async Task<List<SequencedEvent>> RunAsync(JsonObject schema, FakeModelScript script)
    {
        using var client = host.Service.Client();
        using var response = await client.SendAsync(Post(schema, script), HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEvents.NdjsonAsync(response);
        Assert.Empty(host.Upstream.Unmatched);
        return events;
    }

    private static HttpRequestMessage Post(JsonObject schema, FakeModelScript script) =>
        ReadEvents.Post(new { schema, prompt = script.Key });
}
