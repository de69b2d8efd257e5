using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>Per-client caps, the line with its positions, the 429 of a full line and the instance's cap on model calls.</summary>
public sealed class AdmissionTests(AdmissionHost host) : IClassFixture<AdmissionHost>
{
    [Fact]
    public async Task Streams_over_a_cap_wait_in_line_hear_their_position_move_and_start_when_a_slot_frees()
    {
        using var client = host.Client();
        await using var first = await StartAsync(client, "key-one");
        Assert.Equal(StreamPhases.Generating, (await first.NextStatusAsync()).Phase);

        // key-one is at its cap: its second stream waits, its third finds the line full.
        await using var second = await StartAsync(client, "key-one");
        var queued = await second.NextStatusAsync();
        Assert.Equal((StreamPhases.Queued, 1), (queued.Phase, queued.Position));
        Assert.Contains("your 1 running streams", queued.Detail, StringComparison.Ordinal);
        using var refused = await client.SendAsync(Post("key-one"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1 waiting", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);

        // Another client is not held back by key-one's line, but the instance runs two model calls at most.
        await using var other = await StartAsync(client, "key-two");
        Assert.Equal(StreamPhases.Generating, (await other.NextStatusAsync()).Phase);
        await using var third = await StartAsync(client, "key-three");
        var waitingForModel = await third.NextStatusAsync();
        Assert.Equal((StreamPhases.Queued, 1), (waitingForModel.Phase, waitingForModel.Position));
        Assert.Contains("free model slot", waitingForModel.Detail, StringComparison.Ordinal);

        // key-one's first stream ends: the slot goes to the stream that has waited longest and may take it, key-one's
        // second (it came before key-three's); key-three stays first in line for a model slot.
        await client.DeleteAsync($"/v1/streams/{first.Id}");
        Assert.Equal(StreamPhases.Generating, (await second.NextStatusAsync()).Phase);

        await client.DeleteAsync($"/v1/streams/{other.Id}");
        Assert.Equal(StreamPhases.Generating, (await third.NextStatusAsync()).Phase);

        // Cancelled while waiting: it ends at once, with nothing generated, and its place goes back to the client.
        await using var waiting = await StartAsync(client, "key-one");
        Assert.Equal(StreamPhases.Queued, (await waiting.NextStatusAsync()).Phase);
        await client.DeleteAsync($"/v1/streams/{waiting.Id}");
        var final = await waiting.FinalAsync();
        Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
        Assert.Equal("null", final.Object.ToJsonString());
        await using var again = await StartAsync(client, "key-one");
        Assert.Equal(StreamPhases.Queued, (await again.NextStatusAsync()).Phase);

        foreach (var stream in new[] { second, third, again })
        {
            await client.DeleteAsync($"/v1/streams/{stream.Id}");
        }
    }

    private static HttpRequestMessage Post(string apiKey)
    {
        var request = ReadEvents.Post(new { schemaId = "research-answer", prompt = "x", simulation = new { tokensPerSecond = 5 } });
        request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    private static async Task<LiveStream> StartAsync(HttpClient client, string apiKey)
    {
        var response = await client.SendAsync(Post(apiKey), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new LiveStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>A stream being read line by line, as a page does.</summary>
    private sealed class LiveStream(HttpResponseMessage response, StreamReader reader) : IAsyncDisposable
    {
        public string Id { get; } = response.Headers.GetValues("X-Stream-Id").Single();

        public async Task<StatusEvent> NextStatusAsync() => (StatusEvent)(await NextAsync(e => e is StatusEvent)).Event;

        public async Task<FinalEvent> FinalAsync() => (FinalEvent)(await NextAsync(e => e is FinalEvent)).Event;

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            return ValueTask.CompletedTask;
        }

        private async Task<SequencedEvent> NextAsync(Func<StreamEvent, bool> wanted)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var item = StreamEventSerializer.Read(json.RootElement);
                if (wanted(item.Event))
                {
                    return item;
                }
            }

            throw new InvalidOperationException("The stream ended first.");
        }
    }
}
