namespace StructuredStream.Protocol;

/// <summary>
/// <c>heartbeat</c>: sent on an idle link so proxies and clients can tell slow from dead. Not stored in the log: its
/// <c>seq</c> repeats the last event's, so resuming from it loses nothing.
/// </summary>
public sealed record HeartbeatEvent : StreamEvent
{
    /// <summary>The one instance.</summary>
    public static HeartbeatEvent Instance { get; } = new();

    /// <inheritdoc />
    public override string Type => "heartbeat";
}
