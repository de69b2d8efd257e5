using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using StructuredStream.Protocol;

namespace StructuredStream.Client;

/// <summary>Reads the events of one response body, NDJSON or SSE, as the protocol's types.</summary>
internal static class EventResponseReader
{
    // The object nests at most 64 levels and an event wraps it in at most three more (docs/protocol.md, Depth).
    private static readonly JsonDocumentOptions EventJson = new() { MaxDepth = 128 };

    public static IAsyncEnumerable<SequencedEvent> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? ReadServerSentEventsAsync(response, cancellationToken)
            : ReadNdjsonAsync(response, cancellationToken);

    private static async IAsyncEnumerable<SequencedEvent> ReadNdjsonAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                yield return Parse(line);
            }
        }
    }

    private static async IAsyncEnumerable<SequencedEvent> ReadServerSentEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parser = SseParser.Create(body, static (_, data) => data.ToArray());
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Parse(item.Data);
        }
    }

    private static SequencedEvent Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, EventJson);
            return StreamEventSerializer.Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The service sent an event that is not JSON: {e.Message}", e);
        }
    }

    private static SequencedEvent Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, EventJson);
            return StreamEventSerializer.Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The service sent an event that is not JSON: {e.Message}", e);
        }
    }
}
