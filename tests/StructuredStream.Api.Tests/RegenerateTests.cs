using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

public sealed class RegenerateTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task Regenerate_starts_a_new_stream_with_the_old_request_linked_by_regeneratedFrom()
    {
        using var client = host.Client();
        var (oldId, oldEvents) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "support-ticket", prompt = "My invoice is wrong" }));

        var (newId, events) = await ReadEvents.RunAsync(client, Regenerate(oldId, body: null));

        Assert.NotEqual(oldId, newId);
        var started = Assert.IsType<StartedEvent>(events[0].Event);
        Assert.Equal((oldId, "support-ticket"), (started.RegeneratedFrom, started.SchemaId));
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
        var oldState = JsonNode.Parse(await client.GetStringAsync($"/v1/streams/{oldId}"))!; // left as it was
        Assert.Equal(("completed", oldEvents[^1].Seq), ((string?)oldState["status"], (long)oldState["seq"]!));
    }

    [Fact]
    public async Task Edited_options_replace_the_old_ones_and_the_rest_of_the_request_is_kept()
    {
        using var client = host.Client();
        var (oldId, oldEvents) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "research-answer", prompt = "Why stream JSON?" }));
        Assert.Empty(ReadEvents.Final(oldEvents).Repairs);

        var (_, events) = await ReadEvents.RunAsync(client, Regenerate(oldId, new { simulation = new { scenario = "malformed" }, prompt = "Why stream JSON, briefly?" }));

        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.NotEmpty(final.Repairs); // the edited scenario: fences and prose around the JSON
        Assert.Equal("research-answer", Assert.IsType<StartedEvent>(events[0].Event).SchemaId);
    }

    [Fact]
    public async Task Another_schema_an_unknown_stream_and_a_bad_option_are_refused_precisely()
    {
        using var client = host.Client();
        var (oldId, _) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x" }));

        using var schema = await client.SendAsync(Regenerate(oldId, new { schemaId = "chat" }));
        using var unknown = await client.SendAsync(Regenerate("st_nope", body: null));
        using var option = await client.SendAsync(Regenerate(oldId, new { patch = "sideways" }));

        Assert.Equal(HttpStatusCode.BadRequest, schema.StatusCode);
        Assert.Contains("keeps its schema", await schema.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, option.StatusCode);
        Assert.Contains("'sideways' is not a patch mode", (string?)JsonNode.Parse(await option.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
    }

    private static HttpRequestMessage Regenerate(string id, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/streams/{id}/regenerate");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
