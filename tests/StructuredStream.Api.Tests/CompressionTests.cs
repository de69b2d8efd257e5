using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>
/// A client that accepts gzip gets event streams compressed, and still gets each event as it is made: the compressor is
/// flushed with every batch, so a stream that never ends is read event by event.
/// </summary>
public sealed class CompressionTests(HostileUpstreamHost host) : IClassFixture<HostileUpstreamHost>
{
    private static readonly JsonObject Notes = JsonNode.Parse("""
        {"type":"object","properties":{"title":{"type":"string"},"notes":{"type":"array","items":{"type":"string"}}},"required":["title"]}
        """)!.AsObject();

    [Fact]
    public async Task Ndjson_is_gzipped_for_a_client_that_accepts_it_and_each_event_arrives_while_the_model_writes()
    {
        var script = host.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Endless","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var client = GzipClient();

        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Notes, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        using var decompressed = Decompressed(response);
        var events = await ReadEvents.NdjsonAsync(decompressed, max: 8).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Contains(events, e => e.Event is PatchEvent);
    }

    [Fact]
    public async Task Server_sent_events_are_gzipped_too_and_each_arrives_while_the_model_writes()
    {
        var script = host.Upstream.Script(call => call.StreamForeverAsync("""{"title":"Endless","notes":["a" """, ""","b" """, TimeSpan.FromMilliseconds(20)));
        using var client = GzipClient();

        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Notes, prompt = script.Key }, "text/event-stream"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        using var reader = new StreamReader(new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress));
        var ids = new List<string>();
        while (ids.Count < 8 && await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) is { } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                ids.Add(line[4..]);
            }
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
    }

    [Fact]
    public async Task A_client_that_does_not_ask_for_gzip_gets_plain_ndjson()
    {
        var script = host.Upstream.Script(call => call.StreamAsync(["{\"title\":\"Plain\"}"]));
        using var client = host.Service.Client();

        using var response = await client.SendAsync(ReadEvents.Post(new { schema = Notes, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("""{"title":"Plain"}""", ReadEvents.Final(await ReadEvents.NdjsonAsync(response)).Object.ToJsonString());
    }

    /// <summary>A client that asks for gzip (and leaves the body as sent), dropping the connection when it stops reading.</summary>
    private HttpClient GzipClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = host.Service.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        return client;
    }

    /// <summary>The response with its body decompressed as it arrives.</summary>
    private static HttpResponseMessage Decompressed(HttpResponseMessage response)
    {
        var body = new GZipStream(response.Content.ReadAsStream(), CompressionMode.Decompress);
        return new HttpResponseMessage(response.StatusCode) { Content = new StreamContent(body) };
    }
}
