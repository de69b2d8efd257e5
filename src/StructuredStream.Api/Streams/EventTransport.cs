namespace StructuredStream.Api.Streams;

/// <summary>How events are framed on the wire, chosen by the request's Accept header.</summary>
public enum EventTransport
{
    /// <summary><c>application/x-ndjson</c>: one JSON object per line (the default).</summary>
    Ndjson,

    /// <summary><c>text/event-stream</c>: <c>id:</c> = seq, <c>event:</c> = type, <c>data:</c> = the event.</summary>
    ServerSentEvents,
}
