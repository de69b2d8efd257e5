using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>Continuing a stream on an OpenAI-compatible provider, which cannot continue an assistant message itself.</summary>
public sealed class OpenAiContinueTests(OpenAiWithRetryHost host) : IClassFixture<OpenAiWithRetryHost>
{
    [Fact]
    public async Task The_provider_is_asked_for_the_rest_of_the_text_and_the_stream_ends_with_the_whole_object()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"title":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}}}""")!.AsObject();
        var script = host.Upstream.Script(call => call.Attempt == 1
            ? call.StreamThenHangAsync(["""{"title":"Cutting""", """ edge","tags":["a"""])
            : call.StreamAsync(["\",\"b\"]}"]));
        using var client = host.Service.Client();
        string id;
        using (var response = await client.SendAsync(ReadEvents.Post(new { schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead))
        {
            id = response.Headers.GetValues("X-Stream-Id").Single();
            var reading = ReadEvents.NdjsonAsync(response);
            await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(200);
            await client.DeleteAsync($"/v1/streams/{id}");
            Assert.Equal("""{"title":"Cutting edge","tags":["a"]}""", ReadEvents.Final(await reading).Object.ToJsonString());
        }

        using var continued = await client.PostAsync($"/v1/streams/{id}/continue", content: null);
        var events = await ReadEvents.NdjsonAsync(continued);

        Assert.Equal("""{"title":"Cutting edge","tags":["a","b"]}""", ReadEvents.Final(events).Object.ToJsonString());
        var call = script.Calls[1].Body;
        var messages = call["messages"]!.AsArray();
        Assert.Equal(("assistant", """{"title":"Cutting edge","tags":["a"""), ((string?)messages[^2]!["role"], (string?)messages[^2]!["content"]));
        Assert.Equal("user", (string?)messages[^1]!["role"]);
        Assert.Contains("Continue it from exactly where it stops", (string?)messages[^1]!["content"], StringComparison.Ordinal);
        Assert.NotEqual("json_schema", (string?)call["response_format"]?["type"]); // a response format would make it start a new object
    }
}
