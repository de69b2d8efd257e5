using System.Net;
using System.Text.Json.Nodes;
using StructuredStream.Client.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Client.Tests;

/// <summary>The client against the real service over a socket: updates, typed values, resume, cancel, problems.</summary>
public sealed class StreamingTests(PacedServiceHost host) : IClassFixture<PacedServiceHost>
{
    private static readonly JsonObject Fast = new() { ["tokensPerSecond"] = 0 };

    [Theory]
    [InlineData(StreamTransport.Ndjson)]
    [InlineData(StreamTransport.ServerSentEvents)]
    public async Task A_stream_yields_each_event_applied_and_ends_with_the_final_object(StreamTransport transport)
    {
        var client = host.StreamClient(new StructuredStreamClientOptions { Transport = transport });

        var updates = await ReadAllAsync(client.StreamAsync(new StreamRequest { SchemaId = "research-answer", Prompt = "why", Simulation = Fast.DeepClone().AsObject() }));

        Assert.IsType<StartedEvent>(updates[0].Event);
        Assert.True(updates.Zip(updates.Skip(1)).All(p => p.Second.Seq > p.First.Seq), "seqs must strictly increase");
        var last = updates[^1];
        Assert.Equal(StreamOutcome.Completed, Assert.IsType<FinalEvent>(last.Event).Outcome);
        Assert.Equal(StreamPhase.Done, last.Phase);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(last.Final!.Object.ToJsonString()), last.Object));
        Assert.True(last.IsComplete(""));
        Assert.True(last.IsComplete("/answer"));
        Assert.Contains(updates, u => u.Phase == StreamPhase.Generating);
    }

    [Fact]
    public async Task Until_the_first_value_arrives_the_phase_is_thinking_even_once_the_model_call_started()
    {
        var client = host.StreamClient();

        var updates = await ReadAllAsync(client.StreamAsync(new StreamRequest
        {
            SchemaId = "chat",
            Prompt = "x",
            Simulation = new JsonObject { ["firstTokenMs"] = 200, ["tokensPerSecond"] = 0 },
        }));

        // (The host reports a stall after 0.3 s without a token: the model here starts within that.)
        var firstPatch = updates.FindIndex(u => u.Event is PatchEvent);
        Assert.Contains(updates.Take(firstPatch), u => u.Event is StatusEvent { Phase: StreamPhases.Generating });
        Assert.All(updates.Take(firstPatch).Skip(1), u => Assert.Equal(StreamPhase.Thinking, u.Phase));
        Assert.Equal(StreamPhase.Generating, updates[firstPatch].Phase);
    }

    [Fact]
    public async Task A_typed_stream_reads_the_partial_object_as_T_wherever_it_deserializes()
    {
        var client = host.StreamClient();

        var updates = new List<StreamUpdate<Signup>>();
        await foreach (var update in client.StreamAsync<Signup>(new StreamRequest { SchemaId = "signup-form", Prompt = "sign me up", Simulation = Fast.DeepClone().AsObject() }))
        {
            updates.Add(update);
        }

        var last = updates[^1];
        Assert.True(last.HasValue);
        Assert.Equal((string?)last.Object!["fullName"], last.Value!.FullName);
        Assert.Equal((string?)last.Object!["plan"], last.Value.Plan);
        // Partial values are snapshots: an early one has the name as it was then.
        var early = updates.First(u => u.HasValue && u.Value!.FullName is { Length: > 0 });
        Assert.StartsWith(early.Value!.FullName!, last.Value.FullName!, StringComparison.Ordinal);
        Assert.Null(updates.First(u => u.HasValue).Value!.Plan);
    }

    [Theory]
    [InlineData(StreamTransport.Ndjson)]
    [InlineData(StreamTransport.ServerSentEvents)]
    public async Task After_network_drops_it_resumes_by_itself_and_never_applies_an_event_twice(StreamTransport transport)
    {
        var request = new StreamRequest { SchemaId = "support-ticket", Prompt = "my invoice", Model = new StreamModelSettings { Seed = 7 } };
        var direct = await ReadAllAsync(host.StreamClient().StreamAsync(request));
        DroppingHandler? dropping = null;
        var client = host.StreamClient(
            new StructuredStreamClientOptions { Transport = transport, Reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(50) } },
            socket => dropping = new DroppingHandler(socket, drops: 2, afterBytes: 700));

        var updates = await ReadAllAsync(client.StreamAsync(request));

        Assert.Equal(2, dropping!.Dropped);
        var reconnects = updates.Where(u => u.Event is ReconnectingEvent).ToList();
        Assert.Equal(2, reconnects.Count);
        Assert.All(reconnects, r => Assert.Equal(StreamPhase.Reconnecting, r.Phase));
        var applied = updates.Where(u => u.Event is not ReconnectingEvent).Select(u => u.Seq).ToList();
        Assert.Equal(applied.Distinct().Order(), applied);
        Assert.Equal(StreamOutcome.Completed, updates[^1].Final!.Outcome);
        Assert.Equal(direct[^1].Object!.ToJsonString(), updates[^1].Object!.ToJsonString());
    }

    [Fact]
    public async Task Cancelling_the_token_stops_the_model_call_on_the_service_and_keeps_the_object_there()
    {
        var client = host.StreamClient();
        using var cancel = new CancellationTokenSource();
        string? id = null;
        JsonNode? shown = null;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.StreamAsync(new StreamRequest { SchemaId = "research-answer", Prompt = "long" }, cancel.Token))
            {
                id = update.StreamId;
                shown = update.Object?.DeepClone();
                if (update.Object?["answer"] is not null)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        using var http = new HttpClient { BaseAddress = host.ClientOptions.BaseAddress };
        var state = JsonNode.Parse(await http.GetStringAsync($"v1/streams/{id}"))!;
        Assert.Equal("cancelled", (string?)state["status"]);
        // The service kept at least what was shown (it may have applied a token more before the cancel reached it).
        Assert.StartsWith((string)shown!["answer"]!, (string)state["object"]!["answer"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_throws_with_the_problem_the_service_sent()
    {
        var client = host.StreamClient();

        var refused = await Assert.ThrowsAsync<StreamRequestException>(async () =>
            await ReadAllAsync(client.StreamAsync(new StreamRequest { SchemaId = "no-such-schema", Prompt = "x" })));

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.NotNull(refused.Title);
        Assert.Contains("no-such-schema", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_mid_stream_keeps_the_partial_object_and_continue_finishes_it()
    {
        var client = host.StreamClient();
        var failed = await FailedSignupAsync(client);

        var error = Assert.Single(failed, u => u.Event is ErrorEvent);
        Assert.Equal("model_error", ((ErrorEvent)error.Event).Code);
        Assert.Equal(StreamOutcome.Failed, failed[^1].Final!.Outcome);
        var kept = failed[^1].Object!;

        var continued = await ReadAllAsync(client.ContinueAsync(failed[^1].StreamId!));

        Assert.Equal(StreamOutcome.Completed, continued[^1].Final!.Outcome);
        var name = (string)continued[^1].Object!["fullName"]!;
        Assert.StartsWith((string)kept["fullName"]!, name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_goes_on_from_the_object_as_the_user_edited_it()
    {
        var client = host.StreamClient();
        var failed = await FailedSignupAsync(client);
        var edited = failed[^1].Object!.DeepClone();
        edited["fullName"] = "Grace Hopper";

        var continued = await ReadAllAsync(client.ContinueAsync(failed[^1].StreamId!, edited));

        Assert.Equal("Grace Hopper", (string?)continued.First(u => u.Event is PatchEvent).Object!["fullName"]);
        Assert.Equal(StreamOutcome.Completed, continued[^1].Final!.Outcome);
        Assert.Equal("Grace Hopper", (string?)continued[^1].Object!["fullName"]);
    }

    [Fact]
    public async Task Resume_reads_a_stream_from_its_start_or_from_any_update_seen_to_the_same_end()
    {
        var client = host.StreamClient();
        var all = await ReadAllAsync(client.StreamAsync(new StreamRequest { SchemaId = "support-ticket", Prompt = "x", Simulation = Fast.DeepClone().AsObject() }));
        var id = all[^1].StreamId!;
        var stopped = new List<StreamUpdate>();
        await foreach (var update in client.ResumeAsync(id))
        {
            stopped.Add(update);
            if (update.Event is PatchEvent && stopped.Count > 10)
            {
                break;
            }
        }

        var fromStart = await ReadAllAsync(client.ResumeAsync(id));
        var rest = await ReadAllAsync(client.ResumeAsync(stopped[^1]));

        Assert.Equal(all[^1].Object!.ToJsonString(), fromStart[^1].Object!.ToJsonString());
        Assert.All(rest, u => Assert.True(u.Seq > stopped[^1].Seq));
        Assert.Equal(all[^1].Object!.ToJsonString(), rest[^1].Object!.ToJsonString());
        Assert.True(rest[^1].IsComplete(""));

        // An app that kept the final update (a restart): the service repeats the final, nothing is retried.
        var atEnd = await ReadAllAsync(client.ResumeAsync(all[^1]));
        var again = Assert.Single(atEnd);
        Assert.Equal(all[^1].Seq, again.Seq);
        Assert.Equal(StreamOutcome.Completed, again.Final!.Outcome);
        Assert.Equal(all[^1].Object!.ToJsonString(), again.Object!.ToJsonString());
    }

    /// <summary>A sign-up form whose model fails after 12 tokens: the stream ends failed with a partial object.</summary>
    private static Task<List<StreamUpdate>> FailedSignupAsync(StructuredStreamClient client) =>
        ReadAllAsync(client.StreamAsync(new StreamRequest
        {
            SchemaId = "signup-form",
            Prompt = "x",
            Simulation = new JsonObject { ["scenario"] = "error", ["afterTokens"] = 12, ["tokensPerSecond"] = 0 },
        }));

    private static async Task<List<StreamUpdate>> ReadAllAsync(IAsyncEnumerable<StreamUpdate> updates)
    {
        var list = new List<StreamUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    public sealed record Signup(string? FullName, string? Email, string? Plan, IReadOnlyList<string>? Interests, bool? AcceptsTerms);
}
