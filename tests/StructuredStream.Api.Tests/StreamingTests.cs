using System.Net;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>POST /v1/streams over a real socket: both transports, and every way a stream can end.</summary>
public abstract class StreamingTests(ServiceHost host)
{
    [Theory]
    [InlineData("signup-form")]
    [InlineData("sales-dashboard")]
    [InlineData("research-answer")]
    [InlineData("support-ticket")]
    [InlineData("chat")]
    public async Task A_stream_over_NDJSON_starts_with_its_id_and_its_patches_rebuild_the_final_object(string schemaId)
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId, prompt = "Fill it in." }), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var events = await ReadEvents.NdjsonAsync(response);
        var started = Assert.IsType<StartedEvent>(events[0].Event);
        Assert.Equal(response.Headers.GetValues("X-Stream-Id").Single(), started.StreamId);
        Assert.Equal($"/v1/streams/{started.StreamId}/events", started.EventsUrl);
        Assert.Equal(schemaId, started.SchemaId);
        ReadEvents.AssertOrdered(events);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Empty(final.Errors);
        var replayed = ReadEvents.Replay(events);
        Assert.True(DocumentNode.DeepEquals(final.Object, replayed), $"{replayed} != {final.Object}");
        Assert.Equal(CanonicalJson.Checksum(replayed), final.Checksum);
    }

    [Fact]
    public async Task A_stream_over_SSE_has_ids_equal_to_seqs_and_event_names_equal_to_types()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "support-ticket", prompt = "Triage." }, "text/event-stream"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var items = await ReadEvents.SseAsync(response);
        foreach (var (id, type, item) in items)
        {
            Assert.Equal(item.Event.Type, type);
            Assert.Equal(item.Event is HeartbeatEvent ? null : item.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), id);
        }

        var events = items.Select(i => i.Event).ToList();
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
        Assert.True(DocumentNode.DeepEquals(ReadEvents.Final(events).Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_object()
    {
        using var client = host.Client();
        async Task<string> RunAsync()
        {
            using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "signup-form", prompt = "x", model = new { seed = 7 } }), HttpCompletionOption.ResponseHeadersRead);
            return ReadEvents.Final(await ReadEvents.NdjsonAsync(response)).Object.ToJsonString();
        }

        Assert.Equal(await RunAsync(), await RunAsync());
    }

    [Fact]
    public async Task A_violation_aborts_with_the_pointer_and_keyword_and_keeps_what_was_sent()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { scenario = "violation" } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);
        var error = Assert.Single(events, e => e.Event is ErrorEvent);
        var violation = (ErrorEvent)error.Event;
        Assert.Equal("schema_violation", violation.Code);
        Assert.NotNull(violation.Path);
        Assert.NotNull(violation.Keyword);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Invalid, final.Outcome);
        Assert.Contains(final.Errors, e => e.Path == violation.Path);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task Malformed_output_is_repaired_and_the_repairs_are_named()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "signup-form", prompt = "x", simulation = new { scenario = "malformed" } }), HttpCompletionOption.ResponseHeadersRead);

        var final = ReadEvents.Final(await ReadEvents.NdjsonAsync(response));

        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal(
            ["code_fence", "leading_text", "trailing_comma", "trailing_text"],
            final.Repairs.Select(r => Parsing.Repair.WireName(r.Kind)).Order());
    }

    [Fact]
    public async Task Truncated_output_is_closed_and_then_judged_by_the_schema()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { scenario = "truncated" } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);
        var final = ReadEvents.Final(events);

        Assert.Contains(final.Repairs, r => r.Kind == Parsing.RepairKind.Truncated);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task The_long_scenario_writes_a_valid_answer_of_about_a_million_characters()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { scenario = "long" } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);
        var final = ReadEvents.Final(events);

        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Empty(final.Errors);
        var answer = (StringNode)((ObjectNode)final.Object).Members.Single(m => m.Key == "answer").Value;
        Assert.InRange(answer.Length, 1_000_000, 1_100_000);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task Truncated_chat_text_is_still_a_string_that_completes()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "chat", prompt = "x", simulation = new { scenario = "truncated" } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);
        var final = ReadEvents.Final(events);

        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.IsType<StringNode>(final.Object);
        Assert.DoesNotContain(events, e => e.Event is ErrorEvent);
    }

    [Fact]
    public async Task A_model_error_mid_stream_ends_failed_and_keeps_the_patches_before_it()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { scenario = "error", afterTokens = 30 } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);
        var error = (ErrorEvent)Assert.Single(events, e => e.Event is ErrorEvent).Event;
        Assert.Equal("model_error", error.Code);
        Assert.Contains("after 30 tokens", error.Message, StringComparison.Ordinal);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        Assert.NotEqual(LiteralNode.Null, final.Object);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task A_stalled_model_is_reported_then_timed_out_with_the_partial_object_kept()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { scenario = "stall", afterTokens = 10 } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);

        Assert.Contains(events, e => e.Event is StatusEvent { Phase: "stalled" });
        Assert.Contains(events, e => e.Event is HeartbeatEvent);
        var error = (ErrorEvent)Assert.Single(events, e => e.Event is ErrorEvent).Event;
        Assert.Equal("timed_out", error.Code);
        Assert.Contains("idle time", error.Message, StringComparison.Ordinal);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.TimedOut, final.Outcome);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        ReadEvents.AssertOrdered(events);
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("text/event-stream")]
    public async Task Each_event_reaches_the_reader_when_it_is_written_not_when_the_stream_ends(string accept)
    {
        using var client = host.Client();
        using var response = await client.SendAsync(
            ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { scenario = "stall", afterTokens = 10 } }, accept),
            HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync());

        // Read up to the stalled status: the model is stalled, so if it arrived, it was flushed while the stream runs.
        var received = new List<string>();
        while (await body.ReadLineAsync() is { } line && !line.Contains("\"phase\":\"stalled\"", StringComparison.Ordinal))
        {
            received.Add(line);
        }

        var state = JsonNode.Parse(await client.GetStringAsync($"/v1/streams/{id}"))!;
        Assert.Equal("running", (string?)state["status"]);
        Assert.Contains(received, line => line.Contains("\"type\":\"patch\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tool_call_shows_as_retrieval_status_events_before_the_answer()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "research-answer", prompt = "What is JSON Patch?", simulation = new { scenario = "tool" } }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);
        var statuses = events.Select(e => e.Event).OfType<StatusEvent>().Where(s => s.Phase == "retrieval").ToList();

        Assert.Equal(["started", "done"], statuses.Select(s => s.Detail));
        Assert.All(statuses, s => Assert.Equal("lookup", s.Name));
        Assert.NotNull(statuses[1].DurationMs);
        Assert.True(events.FindIndex(e => e.Event is StatusEvent { Detail: "done" }) < events.FindIndex(e => e.Event is PatchEvent));
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task Strict_patches_carry_no_append()
    {
        using var client = host.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "chat", prompt = "x", patch = "strict" }), HttpCompletionOption.ResponseHeadersRead);

        var events = await ReadEvents.NdjsonAsync(response);

        Assert.DoesNotContain(events.Select(e => e.Event).OfType<PatchEvent>().SelectMany(p => p.Ops), o => o.Op == Patching.PatchOperationKind.Append);
        Assert.True(DocumentNode.DeepEquals(ReadEvents.Final(events).Object, ReadEvents.Replay(events)));
    }
}

/// <summary>Over a real loopback socket.</summary>
public sealed class StreamingTestsOverSocket(ServiceHost host) : StreamingTests(host), IClassFixture<ServiceHost>;

/// <summary>In process (TestServer).</summary>
public sealed class StreamingTestsInProcess(InProcessServiceHost host) : StreamingTests(host), IClassFixture<InProcessServiceHost>;
