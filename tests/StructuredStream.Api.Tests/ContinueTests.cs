using System.Net;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

public sealed class ContinueTests(ServiceHost host, ShortAnswersHost shortAnswers) : IClassFixture<ServiceHost>, IClassFixture<ShortAnswersHost>
{
    [Theory]
    [InlineData("research-answer", 20)]
    [InlineData("sales-dashboard", 20)]
    [InlineData("chat", 4)]
    public async Task A_stopped_stream_continues_from_the_object_it_kept_and_ends_with_the_whole_answer(string schemaId, int stopAfterTokens)
    {
        using var client = host.Client();
        var whole = ReadEvents.Final((await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId, prompt = "x" }))).Events).Object;
        var (oldId, oldEvents) = await StopMidwayAsync(client, schemaId, stopAfterTokens);
        var kept = ReadEvents.Final(oldEvents).Object;
        Assert.False(DocumentNode.DeepEquals(whole, kept), "the stop came before the end");

        var (newId, events) = await ReadEvents.RunAsync(client, Continue(oldId));

        Assert.NotEqual(oldId, newId);
        Assert.Equal(oldId, Assert.IsType<StartedEvent>(events[0].Event).ContinuedFrom);
        var first = events.Select(e => e.Event).OfType<PatchEvent>().First().Ops[0];
        Assert.Equal((PatchOperationKind.Add, ""), (first.Op, first.Path));
        if (kept is StringNode keptText)
        {
            // Chat: a reader that is behind gets the root's next appends merged into this add (docs/protocol.md).
            Assert.StartsWith(keptText.Value, ((StringNode)first.Value!).Value, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(DocumentNode.DeepEquals(kept, first.Value), "the first patch sets the kept object");
        }
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.True(DocumentNode.DeepEquals(whole, final.Object), $"{whole.ToJsonString()}\n{final.Object.ToJsonString()}");
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));

        // A client that holds the kept object applies the new stream's patches on top of it.
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay([new SequencedEvent(0, new PatchEvent([new PatchOperation(PatchOperationKind.Add, "", kept)])), .. events])));
        var completed = events.Select(e => e.Event).OfType<CompleteEvent>().SelectMany(c => c.Paths).ToHashSet();
        Assert.Contains("", completed);
    }

    [Fact]
    public async Task A_timed_out_stream_continues_without_the_fault_that_stopped_it()
    {
        using var client = host.Client();
        var (oldId, oldEvents) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { scenario = "stall", afterTokens = 12 } }));
        Assert.Equal(StreamOutcome.TimedOut, ReadEvents.Final(oldEvents).Outcome);

        var (_, events) = await ReadEvents.RunAsync(client, Continue(oldId));

        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_stopped_stream_continues_from_the_object_as_the_user_edited_it()
    {
        using var client = host.Client();
        var (oldId, oldEvents) = await StopMidwayAsync(client, "signup-form", 14);
        var kept = (ObjectNode)ReadEvents.Final(oldEvents).Object;
        var edited = JsonNode.Parse(kept.ToJsonString())!.AsObject();
        edited["fullName"] = "Ada Lovelace";

        var (_, events) = await ReadEvents.RunAsync(client, Continue(oldId, new JsonObject { ["object"] = edited }));

        var first = events.Select(e => e.Event).OfType<PatchEvent>().First().Ops[0];
        Assert.Equal((PatchOperationKind.Add, ""), (first.Op, first.Path));
        Assert.Equal("Ada Lovelace", ((StringNode)((ObjectNode)first.Value!).Members.Single(m => m.Key == "fullName").Value).Value);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Empty(final.Errors);
        var members = ((ObjectNode)final.Object).Members.ToDictionary(m => m.Key, m => m.Value);
        Assert.Equal("Ada Lovelace", ((StringNode)members["fullName"]).Value);
        Assert.True(members.Count > kept.Count, "the model went on past what was kept");
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task An_edit_that_breaks_the_schema_or_a_body_that_is_not_a_continue_request_is_refused()
    {
        using var client = host.Client();
        var (oldId, oldEvents) = await StopMidwayAsync(client, "signup-form", 14);
        var edited = JsonNode.Parse(ReadEvents.Final(oldEvents).Object.ToJsonString())!.AsObject();
        edited["plan"] = "platinum";

        using var breaksSchema = await client.SendAsync(Continue(oldId, new JsonObject { ["object"] = edited }));
        using var unknownField = await client.SendAsync(Continue(oldId, new JsonObject { ["objekt"] = edited.DeepClone() }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, breaksSchema.StatusCode);
        var problem = JsonNode.Parse(await breaksSchema.Content.ReadAsStringAsync())!;
        Assert.Equal("The edited object cannot be continued", (string?)problem["title"]);
        Assert.Contains("/plan", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("Unknown field '$.objekt'", await unknownField.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_longer_than_an_answer_may_grow_is_refused_not_started_as_a_stream_that_never_ends()
    {
        using var client = shortAnswers.Client();
        var (oldId, _) = await StopMidwayAsync(client, "chat", 4);
        var edited = new string('a', ShortAnswersHost.MaxAnswerCharacters);

        using var tooLong = await client.SendAsync(Continue(oldId, new JsonObject { ["object"] = edited }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        var problem = JsonNode.Parse(await tooLong.Content.ReadAsStringAsync())!;
        Assert.Equal("The edited object cannot be continued", (string?)problem["title"]);
        Assert.Contains($"past {ShortAnswersHost.MaxAnswerCharacters} characters", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_completed_and_unknown_streams_are_refused_precisely()
    {
        using var client = host.Client();
        var (doneId, _) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x" }));
        using var running = await client.SendAsync(ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { scenario = "stall", afterTokens = 5 } }), HttpCompletionOption.ResponseHeadersRead);
        var runningId = running.Headers.GetValues("X-Stream-Id").Single();

        using var whileRunning = await client.SendAsync(Continue(runningId));
        using var afterCompleted = await client.SendAsync(Continue(doneId));
        using var unknown = await client.SendAsync(Continue("st_nope"));

        Assert.Equal(HttpStatusCode.Conflict, whileRunning.StatusCode);
        Assert.Contains("still running", await whileRunning.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, afterCompleted.StatusCode);
        Assert.Contains("ended completed", (string?)JsonNode.Parse(await afterCompleted.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await client.DeleteAsync($"/v1/streams/{runningId}");
    }

    /// <summary>A stream whose model stalls partway, stopped by DELETE: it ends cancelled with the object so far.</summary>
    private static async Task<(string Id, List<SequencedEvent> Events)> StopMidwayAsync(HttpClient client, string schemaId, int afterTokens)
    {
        using var response = await client.SendAsync(
            ReadEvents.Post(new { schemaId, prompt = "x", simulation = new { scenario = "stall", afterTokens } }), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        var reading = ReadEvents.NdjsonAsync(response);
        await Task.Delay(200); // the model has written its tokens and stalls
        using var deleted = await client.DeleteAsync($"/v1/streams/{id}");
        var events = await reading;
        Assert.Equal(StreamOutcome.Cancelled, ReadEvents.Final(events).Outcome);
        return (id, events);
    }

    private static HttpRequestMessage Continue(string id, JsonObject? body = null) =>
        new(HttpMethod.Post, $"/v1/streams/{id}/continue") { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
}
