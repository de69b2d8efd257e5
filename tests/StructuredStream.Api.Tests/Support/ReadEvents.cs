using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

using StructuredStream.Tests.Shared;

namespace StructuredStream.Api.Tests.Support;

/// <summary>Reads event streams the way a client does, and replays their patches.</summary>
internal static class ReadEvents
{
    public static HttpRequestMessage Post(object body, string accept = "application/x-ndjson")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/streams")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    /// <summary>Sends a request that starts a stream and reads all of it: the stream's id and its events.</summary>
    public static async Task<(string Id, List<SequencedEvent> Events)> RunAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.GetValues("X-Stream-Id").Single(), await NdjsonAsync(response));
    }

    /// <summary>Every NDJSON event until the body ends (or <paramref name="max"/> events).</summary>
    public static async Task<List<SequencedEvent>> NdjsonAsync(HttpResponseMessage response, int max = int.MaxValue)
    {
        var events = new List<SequencedEvent>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (events.Count < max && await reader.ReadLineAsync() is { } line)
        {
            // An event nests its object up to three levels deeper than the object (ops, op, value): more than the default 64.
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 128 });
            events.Add(StreamEventSerializer.Read(document.RootElement));
        }

        return events;
    }

    /// <summary>Every SSE item as (id, event type, parsed event).</summary>
    public static async Task<List<(string? Id, string Type, SequencedEvent Event)>> SseAsync(HttpResponseMessage response)
    {
        var items = new List<(string?, string, SequencedEvent)>();
        var parser = SseParser.Create(await response.Content.ReadAsStreamAsync());
        await foreach (var item in parser.EnumerateAsync())
        {
            using var document = JsonDocument.Parse(item.Data);
            items.Add((item.EventId, item.EventType, StreamEventSerializer.Read(document.RootElement)));
        }

        return items;
    }

    /// <summary>Applies every patch, in order, to <c>null</c>.</summary>
    public static DocumentNode Replay(IEnumerable<SequencedEvent> events) => StreamObjects.Replay(events);

    /// <summary>The events as NDJSON, for failure messages.</summary>
    public static string Describe(IEnumerable<SequencedEvent> events)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var item in events)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                StreamEventSerializer.Write(writer, item);
            }

            System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The stream's state once it has ended (its generation may still be appending <c>final</c>).</summary>
    public static async Task<JsonNode> EndedStateAsync(HttpClient client, string id)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(50))
        {
            var state = JsonNode.Parse(await client.GetStringAsync($"/v1/streams/{id}"))!;
            if ((string?)state["status"] != "running" || waited > TimeSpan.FromSeconds(10))
            {
                return state;
            }

            await Task.Delay(50);
        }
    }

    public static FinalEvent Final(IReadOnlyList<SequencedEvent> events) => Assert.IsType<FinalEvent>(events[^1].Event);

    /// <summary>Seqs strictly increase and heartbeats never move past the last event.</summary>
    public static void AssertOrdered(IReadOnlyList<SequencedEvent> events)
    {
        long last = 0;
        foreach (var item in events)
        {
            if (item.Event is HeartbeatEvent)
            {
                Assert.Equal(last, item.Seq);
                continue;
            }

            Assert.True(item.Seq > last, $"seq {item.Seq} after {last}");
            last = item.Seq;
        }
    }
}
