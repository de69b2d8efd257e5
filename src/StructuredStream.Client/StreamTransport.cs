namespace StructuredStream.Client;

/// <summary>How the events travel: the same events either way.</summary>
public enum StreamTransport
{
    /// <summary>One JSON event per line (<c>application/x-ndjson</c>).</summary>
    Ndjson,

    /// <summary>Server-sent events (<c>text/event-stream</c>): <c>id:</c> is the seq.</summary>
    ServerSentEvents,
}
