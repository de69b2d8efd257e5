using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Api.Tests;

/// <summary>Two service processes behind one Redis: a stream survives moving between them, and a Stop works wherever it lands.</summary>
public sealed class TwoInstanceTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private static readonly JsonObject Schema = JsonNode.Parse("""{"type":"object"}""")!.AsObject();

    [RedisFact]
    public async Task A_stream_started_on_A_and_dropped_resumes_on_B_mid_stream_without_gaps_or_duplicates()
    {
        var answer = """{"title":"Moving between instances","notes":[""" + string.Join(",", Enumerable.Range(1, 30).Select(i => $"\"note {i}\"")) + "]}";
        var script = instances.Upstream.Script(call => call.StreamAsync(FakeModelCall.Pieces(answer, size: 4), TimeSpan.FromMilliseconds(15)));
        List<SequencedEvent> fromA;
        string id;
        using (var a = instances.A.Client())
        using (var response = await a.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            fromA = Stored(await ReadEvents.NdjsonAsync(response, max: 12));
        }

        using var b = instances.B.Client();
        using var resumed = await b.GetAsync($"/v1/streams/{id}/events?after={fromA[^1].Seq}", HttpCompletionOption.ResponseHeadersRead);
        var fromB = Stored(await ReadEvents.NdjsonAsync(resumed));

        var all = fromA.Concat(fromB).ToList();
        ReadEvents.AssertOrdered(all);
        Assert.Equal(all.Count, all.Select(e => e.Seq).Distinct().Count());
        var final = ReadEvents.Final(all);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal(JsonNode.Parse(answer)!.ToJsonString(), final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(all)), ReadEvents.Describe(all));
        Assert.Single(script.Calls); // one model call, on A, never restarted
    }

    [RedisFact]
    public async Task A_delete_on_B_cancels_the_model_call_running_on_A()
    {
        var script = instances.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Endless","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var a = instances.A.Client();
        using var response = await a.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        var reading = ReadEvents.NdjsonAsync(response);
        var call = await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);

        using var b = instances.B.Client();
        using var deleted = await b.DeleteAsync($"/v1/streams/{id}");

        await call.Closed.WaitAsync(TimeSpan.FromSeconds(5)); // the upstream sees A's connection close
        var state = JsonNode.Parse(await deleted.Content.ReadAsStringAsync())!;
        Assert.Equal("cancelled", (string?)state["status"]);
        var events = await reading.WaitAsync(TimeSpan.FromSeconds(10));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
        Assert.StartsWith("""{"title":"Endless","notes":["a","b""", final.Object.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(final.Object.ToJsonString(), state["object"]!.ToJsonString());
    }

    [RedisFact]
    public async Task When_the_owner_dies_mid_stream_readers_on_B_get_owner_lost_and_the_partial_object_never_a_hang()
    {
        await using var victim = await instances.StartInstanceAsync("victim");
        var script = instances.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Cut short","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var owner = victim.Client();
        using var response = await owner.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
        using var b = instances.B.Client();
        using var onB = await b.GetAsync($"/v1/streams/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var reading = ReadEvents.NdjsonAsync(onB);
        await Task.Delay(300);

        await victim.KillAsync();

        var events = Stored(await reading.WaitAsync(TwoInstances.LeaseTime * 5));
        var error = Assert.IsType<ErrorEvent>(events[^2].Event);
        Assert.Equal(("owner_lost", true), (error.Code, error.Retryable));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        Assert.StartsWith("""{"title":"Cut short","notes":["a""", final.Object.ToJsonString(), StringComparison.Ordinal);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)), ReadEvents.Describe(events));
        ReadEvents.AssertOrdered(events);
    }

    [RedisFact]
    public async Task Readers_on_both_instances_see_the_same_events_and_the_same_object_at_every_seq()
    {
        var answer = """{"title":"One stream, two screens","rows":[""" + string.Join(",", Enumerable.Range(1, 20).Select(i => $"{{\"n\":{i},\"label\":\"row {i}\"}}")) + "]}";
        var script = instances.Upstream.Script(async call =>
        {
            await Task.Delay(500); // both screens are reading before the first token
            await call.StreamAsync(FakeModelCall.Pieces(answer, size: 5), TimeSpan.FromMilliseconds(10));
        });
        using var a = instances.A.Client();
        using var started = await a.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var id = started.Headers.GetValues("X-Stream-Id").Single();
        using var b = instances.B.Client();
        using var onA = await a.GetAsync($"/v1/streams/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        using var onB = await b.GetAsync($"/v1/streams/{id}/events", HttpCompletionOption.ResponseHeadersRead);

        var screens = await Task.WhenAll(ReadEvents.NdjsonAsync(started), ReadEvents.NdjsonAsync(onA), ReadEvents.NdjsonAsync(onB));

        var objects = screens.Select(events => ObjectsBySeq(Stored(events))).ToList();
        foreach (var screen in objects.Skip(1))
        {
            // A reader a little behind may get a run of patches merged (docs/protocol.md), never a different object.
            foreach (var (seq, json) in screen.Where(pair => objects[0].ContainsKey(pair.Key)))
            {
                Assert.Equal(objects[0][seq], json);
            }
        }

        var others = screens.Select(events => string.Join("\n", Stored(events).Where(e => e.Event is not PatchEvent).Select(e => $"{e.Seq} {e.Event.Type}"))).ToList();
        Assert.All(others, other => Assert.Equal(others[0], other));
        Assert.All(screens, events => Assert.Equal(JsonNode.Parse(answer)!.ToJsonString(), ReadEvents.Final(events).Object.ToJsonString()));
    }

    [RedisFact]
    public async Task A_schema_stored_through_A_is_the_same_on_B_for_listing_streaming_and_replacing()
    {
        var id = "shared-" + Guid.NewGuid().ToString("N")[..8];
        using var a = instances.A.Client();
        using var b = instances.B.Client();

        using (var created = await a.PutAsync($"/v1/schemas/{id}", new StringContent("""{"type":"object","required":["title"],"properties":{"title":{"type":"string"}}}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        Assert.Contains(id, await b.GetStringAsync("/v1/schemas"), StringComparison.Ordinal);
        var script = instances.Upstream.Script(call => call.StreamAsync(["""{"title":"From B"}"""]));
        var (_, events) = await ReadEvents.RunAsync(b, ReadEvents.Post(new { schemaId = id, prompt = script.Key }));
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);

        // Replaced on B, seen on A: the next stream on A is held to the new schema.
        using (var replaced = await b.PutAsync($"/v1/schemas/{id}", new StringContent("""{"type":"object","required":["title","owner"],"properties":{"title":{"type":"string"},"owner":{"type":"string"}}}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, replaced.StatusCode);
        }

        var again = instances.Upstream.Script(call => call.StreamAsync(["""{"title":"On A"}"""]));
        var (_, onA) = await ReadEvents.RunAsync(a, ReadEvents.Post(new { schemaId = id, prompt = again.Key }));
        var final = ReadEvents.Final(onA);
        Assert.Equal(StreamOutcome.Invalid, final.Outcome);
        Assert.Contains(final.Errors, e => e.Keyword == "required");
    }

    [RedisFact]
    public async Task A_stream_finished_on_A_is_regenerated_on_B_with_the_same_request()
    {
        var script = instances.Upstream.Script(call => call.StreamAsync(FakeModelCall.Pieces("""{"title":"Again"}""")));
        string id;
        using (var a = instances.A.Client())
        using (var response = await a.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            await ReadEvents.NdjsonAsync(response);
        }

        using var b = instances.B.Client();
        using var regenerated = await b.PostAsync($"/v1/streams/{id}/regenerate", content: null);
        var events = await ReadEvents.NdjsonAsync(regenerated);

        Assert.Equal(id, Assert.IsType<StartedEvent>(events[0].Event).RegeneratedFrom);
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
        Assert.Equal(2, script.Calls.Count);
        Assert.Equal(script.Calls[0].Body["messages"]!.ToJsonString(), script.Calls[1].Body["messages"]!.ToJsonString());
        Assert.Equal(script.Calls[0].Body["response_format"]!.ToJsonString(), script.Calls[1].Body["response_format"]!.ToJsonString());
    }

    [RedisFact]
    public async Task A_clients_cap_holds_across_instances_and_a_slot_freed_on_one_starts_the_stream_waiting_on_the_other()
    {
        var caps = new Dictionary<string, string> { ["StructuredStream:Admission:ActivePerClient"] = "1", ["StructuredStream:Admission:QueuePerClient"] = "1" };
        await using var left = await instances.StartInstanceAsync("cap-left", more: caps);
        await using var right = await instances.StartInstanceAsync("cap-right", more: caps);
        var script = instances.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Capped","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(50)));
        var key = "key-" + Guid.NewGuid().ToString("N");
        using var onLeft = left.Client();
        using var onRight = right.Client();
        using var first = await onLeft.SendAsync(WithKey(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), key), HttpCompletionOption.ResponseHeadersRead);
        var firstId = first.Headers.GetValues("X-Stream-Id").Single();
        await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));

        using var second = await onRight.SendAsync(WithKey(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), key), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await second.Content.ReadAsStreamAsync());
        var queued = await NextStatusAsync(reader);
        Assert.Equal((StreamPhases.Queued, 1), (queued.Phase, queued.Position));
        Assert.Single(script.Calls); // the cap held on the other instance: no second model call

        await onRight.DeleteAsync($"/v1/streams/{firstId}");

        Assert.Equal(StreamPhases.Generating, (await NextStatusAsync(reader)).Phase);
        await onRight.DeleteAsync($"/v1/streams/{second.Headers.GetValues("X-Stream-Id").Single()}");
    }

    [RedisFact]
    public async Task On_SIGTERM_an_instance_ends_its_streams_with_shutting_down_and_final_for_readers_here_and_elsewhere()
    {
        var leaving = await instances.StartInstanceAsync("leaving");
        var script = instances.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Interrupted","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var here = leaving.Client();
        using var response = await here.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        var readingHere = ReadEvents.NdjsonAsync(response);
        await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
        using var b = instances.B.Client();
        using var onB = await b.GetAsync($"/v1/streams/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var readingOnB = ReadEvents.NdjsonAsync(onB);
        await Task.Delay(300);

        Assert.Equal(0, await leaving.TerminateAsync(TimeSpan.FromSeconds(20)));

        foreach (var events in new[] { Stored(await readingHere), Stored(await readingOnB.WaitAsync(TimeSpan.FromSeconds(10))) })
        {
            var error = Assert.IsType<ErrorEvent>(events[^2].Event);
            Assert.Equal(("shutting_down", true), (error.Code, error.Retryable));
            var final = ReadEvents.Final(events);
            Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
            Assert.StartsWith("""{"title":"Interrupted","notes":["a","b""", final.Object.ToJsonString(), StringComparison.Ordinal);
            Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        }

        await leaving.DisposeAsync();
    }

    [RedisFact]
    public async Task An_instance_configured_for_an_unreachable_Redis_refuses_to_start_and_says_why()
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => instances.StartInstanceAsync("lonely", "127.0.0.1:1,connectTimeout=500"));

        Assert.Contains("Redis at '127.0.0.1:1,connectTimeout=500' (StructuredStream:Log:Redis:Configuration) cannot be reached", failed.Message, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task When_Redis_goes_away_mid_stream_the_reader_gets_log_unavailable_and_the_response_ends()
    {
        var redis = await RedisServer.StartAsync();
        await using var instance = await instances.StartInstanceAsync("alone", redis.Configuration);
        var script = instances.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Unlogged","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var client = instance.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var reading = ReadEvents.NdjsonAsync(response);
        await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);

        await redis.DisposeAsync();

        var events = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        var error = Assert.IsType<ErrorEvent>(events[^1].Event);
        Assert.Equal(("log_unavailable", true), (error.Code, error.Retryable));
        Assert.Contains($"resume after seq {events[^1].Seq}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($":{redis.Port}", error.Message, StringComparison.Ordinal); // the failure's own words stay in the service's log
        Assert.True(events.Count > 2, ReadEvents.Describe(events));
    }

    [RedisFact]
    public async Task Many_streams_started_at_once_by_schema_id_all_start_while_the_schema_is_looked_up_in_Redis()
    {
        // The named schema is looked up in Redis (tenants' schemas shadow shipped ones) on every start. Done blocking,
        // those look-ups held thread-pool threads until Redis answered, and forty at once starved the pool that reads
        // the answers: requests failed with 500 after Redis's 2 s time-out.
        var caps = new Dictionary<string, string>
        {
            ["StructuredStream:Admission:ActivePerClient"] = "1000",
            ["StructuredStream:Admission:QueuePerClient"] = "1000",
        };
        await using var instance = await instances.StartInstanceAsync("many", more: caps);
        var script = instances.Upstream.Script(call => call.StreamAsync(FakeModelCall.Pieces("""{"title":"At once"}"""), TimeSpan.FromMilliseconds(5)));
        using var client = instance.Client();

        var finals = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await client.SendAsync(ReadEvents.Post(new { schemaId = "chat", prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return ReadEvents.Final(await ReadEvents.NdjsonAsync(response));
        }));

        Assert.Equal(40, finals.Length);
    }

    [RedisFact]
    public async Task When_Redis_is_gone_schema_requests_stream_starts_and_event_reads_answer_503_problem_details_with_Retry_After()
    {
        var redis = await RedisServer.StartAsync();
        await using var instance = await instances.StartInstanceAsync("without-redis", redis.Configuration);
        using var client = instance.Client();
        await redis.DisposeAsync();

        await AssertRequestsOnRedisAnswer503Async(client, redis);
    }

    [RedisFact]
    public async Task When_Redis_does_not_answer_in_time_requests_answer_503_problem_details_with_Retry_After_not_500()
    {
        // A command's time-out is not a RedisException: it must still read as "Redis is away", not as a bug.
        await using var redis = await RedisServer.StartAsync();
        await using var instance = await instances.StartInstanceAsync("slow-redis", $"{redis.Configuration},asyncTimeout=300,syncTimeout=300");
        using var client = instance.Client();
        await redis.PauseAsync(TimeSpan.FromSeconds(10));

        await AssertRequestsOnRedisAnswer503Async(client, redis);
    }

    [RedisFact]
    public async Task When_the_owners_appends_time_out_mid_stream_it_lets_the_stream_go_and_readers_get_owner_lost_never_a_hang()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var owner = await instances.StartInstanceAsync("times-out", $"{redis.Configuration},asyncTimeout=300");
        await using var other = await instances.StartInstanceAsync("reads", redis.Configuration);
        var script = instances.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Stalled","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var client = owner.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
        using var reader = other.Client();
        using var onOther = await reader.GetAsync($"/v1/streams/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var reading = ReadEvents.NdjsonAsync(onOther);
        await Task.Delay(300);

        // Shorter than the reading instance's own time-outs (2 s), longer than the owner's.
        await redis.PauseAsync(TimeSpan.FromMilliseconds(1500));

        var events = Stored(await reading.WaitAsync(TwoInstances.LeaseTime * 5));
        var error = Assert.IsType<ErrorEvent>(events[^2].Event);
        Assert.Equal(("owner_lost", true), (error.Code, error.Retryable));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Failed, final.Outcome);
        Assert.StartsWith("""{"title":"Stalled","notes":["a""", final.Object.ToJsonString(), StringComparison.Ordinal);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)), ReadEvents.Describe(events));
        ReadEvents.AssertOrdered(events);
    }

    /// <summary>
    /// Listing schemas, starting a stream and reading one's events each answer 503 problem details naming Redis, with
    /// Retry-After, and without the failure's own words (they name the server).
    /// </summary>
    private static async Task AssertRequestsOnRedisAnswer503Async(HttpClient client, RedisServer redis)
    {
        // A reader that accepts only SSE still gets the problem as JSON: a bare 503 would say nothing.
        using var read = new HttpRequestMessage(HttpMethod.Get, "/v1/streams/0123456789abcdef0123456789abcdef/events");
        read.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/event-stream"));
        var responses = await Task.WhenAll(
            client.GetAsync("/v1/schemas"),
            client.SendAsync(ReadEvents.Post(new { schemaId = "chat", prompt = "hello" })),
            client.SendAsync(read));

        foreach (var response in responses)
        {
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {text}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Contains("Redis", text, StringComparison.Ordinal);
                Assert.DoesNotContain($":{redis.Port}", text, StringComparison.Ordinal);
            }
        }
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private static async Task<StatusEvent> NextStatusAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            if (StreamEventSerializer.Read(json.RootElement).Event is StatusEvent status)
            {
                return status;
            }
        }

        throw new InvalidOperationException("The stream ended before a status event.");
    }

    private static Dictionary<long, string> ObjectsBySeq(List<SequencedEvent> events)
    {
        var objects = new Dictionary<long, string>();
        for (var i = 0; i < events.Count; i++)
        {
            objects[events[i].Seq] = ReadEvents.Replay(events.Take(i + 1)).ToJsonString();
        }

        return objects;
    }

    /// <summary>The events as stored: heartbeats repeat the last seq and are not part of the stream.</summary>
    private static List<SequencedEvent> Stored(List<SequencedEvent> events) => events.Where(e => e.Event is not HeartbeatEvent).ToList();
}
