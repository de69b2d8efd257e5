using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// The events of the body's complete lines. A last line the body ends inside (the connection closed mid-event) is
    /// left out: it is not an event, and the resume sends it again, whole.
    /// </summary>
    private static async IAsyncEnumerable<SequencedEvent> ReadNdjsonAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                yield break;
            }

            var searched = filled;
            filled += read;
            var start = 0;
            int newline;
            while ((newline = buffer.AsSpan(searched, filled - searched).IndexOf((byte)'\n')) >= 0)
            {
                var end = searched + newline;
                var line = buffer.AsMemory(start, end - start).TrimEnd((byte)'\r');
                if (!line.IsEmpty)
                {
                    yield return Parse(line);
                }

                start = searched = end + 1;
            }

            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
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

    private static SequencedEvent Parse(ReadOnlyMemory<byte> json)
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
