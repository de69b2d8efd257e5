using System.Text.Json.Nodes;
using StructuredStream.Api.Models;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>The <c>ollama</c> provider (Ollama's native chat API through OllamaSharp) against a fake on a loopback socket.</summary>
public sealed class OllamaProviderTests(OllamaHost host) : IClassFixture<OllamaHost>
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{"city":{"type":"string","minLength":1},"days":{"type":"array","items":{"type":"integer","minimum":0}}},
         "required":["city"]}
        """)!.AsObject();

    [Fact]
    public async Task The_users_schema_goes_as_the_format_untouched_and_the_answer_streams_through()
    {
        const string answer = """{"city":"Lisbon","days":[3,4,5]}""";
        var script = host.Upstream.Script(call => call.StreamAsync(FakeModelCall.Pieces(answer, size: 4)));

        using var client = host.Service.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key, model = new { temperature = 0.2, seed = 7 } }), HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEvents.NdjsonAsync(response);

        var call = Assert.Single(script.Calls);
        Assert.Equal("fake-model", (string?)call.Body["model"]);
        Assert.True(JsonNode.DeepEquals(Schema, call.Body["format"]), call.Body.ToJsonString());
        Assert.Equal(7, (int?)call.Body["options"]!["seed"]);
        Assert.DoesNotContain(ModelClient.StreamIdProperty, call.Body.ToJsonString(), StringComparison.Ordinal);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal(answer, final.Object.ToJsonString());
        Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)));
    }

    [Fact]
    public async Task Delete_closes_the_upstream_connection_within_a_second()
    {
        var (events, closedAfter) = await ProviderScenarios.DeleteWhileWritingAsync(host, Schema, """{"city":"Oslo","days":[1""", ",2");

        Assert.True(closedAfter < TimeSpan.FromSeconds(1));
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
        Assert.StartsWith("""{"city":"Oslo","days":[1,2""", final.Object.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_error_ends_the_stream_with_its_message()
    {
        var script = host.Upstream.Script(call => call.FailAsync(404, "model 'fake-model' not found, try pulling it first"));

        using var client = host.Service.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var events = await ReadEvents.NdjsonAsync(response);

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("model_error", error.Code);
        Assert.True(error.Message.Contains("not found, try pulling it first", StringComparison.Ordinal), error.Message);
        Assert.Equal(StreamOutcome.Failed, ReadEvents.Final(events).Outcome);
    }
}
