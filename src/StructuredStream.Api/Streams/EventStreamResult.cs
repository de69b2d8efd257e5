using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Streams;

/// <summary>Writes a stream's events as NDJSON or SSE, each flushed as it is written.</summary>
public sealed class EventStreamResult(IAsyncEnumerable<SequencedEvent> events, EventTransport transport, string streamId) : IResult
{
    /// <summary>The NDJSON media type.</summary>
    public const string NdjsonType = "application/x-ndjson";

    /// <summary>The SSE media type.</summary>
    public const string SseType = "text/event-stream";

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.Headers["X-Stream-Id"] = streamId;
        response.Headers.Link = $"<{StreamHub.EventsUrl(streamId)}>; rel=\"events\"";
        response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx would otherwise hold events back.
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellationToken = httpContext.RequestAborted;
        // One formatter per response: nothing but the event's bytes is allocated per event.
        using var formatter = new EventFormatter();
        try
        {
            if (transport == EventTransport.ServerSentEvents)
            {
                response.ContentType = SseType;
                await SseFormatter.WriteAsync(AsSseItems(events, cancellationToken), response.Body, (item, buffer) => formatter.Format(item.Data, buffer), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                response.ContentType = NdjsonType;
                var buffer = new ArrayBufferWriter<byte>(1024);
                await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    buffer.ResetWrittenCount();
                    formatter.Format(item, buffer);
                    buffer.Write("\n"u8);
                    await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader went away; the generation goes on for its grace period and the reader may resume.
        }
    }

    private static async IAsyncEnumerable<SseItem<SequencedEvent>> AsSseItems(IAsyncEnumerable<SequencedEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // A heartbeat has no id of its own: it must not move the client's Last-Event-ID.
            yield return new SseItem<SequencedEvent>(item, item.Event.Type)
            {
                EventId = item.Event is HeartbeatEvent ? null : item.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }
}
