using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>
/// onViolation "retry": an answer that breaks the schema is not the end; the model is asked again from the last valid
/// value, told what broke, and readers see a <c>status</c> <c>retrying</c> and never lose what was valid.
/// </summary>
public sealed class ViolationRetryTests(ServiceHost host, HostileUpstreamHost upstream) : IClassFixture<ServiceHost>, IClassFixture<HostileUpstreamHost>
{
    private static readonly JsonObject Ticket = JsonNode.Parse("""
        {"type":"object","additionalProperties":false,"required":["title","priority"],
         "properties":{"title":{"type":"string"},"priority":{"enum":["low","high"]},"note":{"type":"string"}}}
        """)!.AsObject();

    [Fact]
    public async Task The_simulated_model_asked_again_after_a_violation_finishes_a_valid_answer()
    {
        using var client = host.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "signup-form", prompt = "x", onViolation = "retry", simulation = new { scenario = "violation" } }));

        var retrying = Assert.Single(events.Select(e => e.Event).OfType<StatusEvent>(), s => s.Phase == StreamPhases.Retrying);
        Assert.Contains("broke the schema", retrying.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Event is ErrorEvent);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Empty(final.Errors);
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task The_model_is_told_what_broke_and_goes_on_from_the_valid_part()
    {
        var script = upstream.Upstream.Script(call => call.Attempt == 1
            ? call.StreamAsync(["{\"title\":\"Printer\",", "\"priority\":\"urgent\"}"])
            : call.StreamAsync([",\"priority\":\"high\"}"]));
        using var client = upstream.Service.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = Ticket, prompt = script.Key, onViolation = "retry" }));

        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal("""{"title":"Printer","priority":"high"}""", final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
        var second = script.Calls[1].Body["messages"]!.AsArray().Select(m => (string?)m!["content"]).ToList();
        Assert.Contains(second, m => m is not null && m.Contains("did not match the JSON schema", StringComparison.Ordinal) && m.Contains("/priority", StringComparison.Ordinal));
        Assert.Contains(second, m => m == "{\"title\":\"Printer\"");
    }

    [Fact]
    public async Task After_the_last_retry_the_stream_ends_invalid_with_the_violation_and_every_valid_patch()
    {
        var script = upstream.Upstream.Script(call => call.Attempt == 1
            ? call.StreamAsync(["{\"title\":\"Printer\",\"priority\":\"urgent\"}"])
            : call.StreamAsync([",\"priority\":\"urgent\"}"]));
        using var client = upstream.Service.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = Ticket, prompt = script.Key, onViolation = "retry" }));

        Assert.Equal(2, events.Select(e => e.Event).OfType<StatusEvent>().Count(s => s.Phase == StreamPhases.Retrying));
        Assert.Equal(3, script.Calls.Count);
        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal(("schema_violation", "/priority"), (error.Code, error.Path));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Invalid, final.Outcome);
        Assert.Equal("""{"title":"Printer"}""", final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }
}
