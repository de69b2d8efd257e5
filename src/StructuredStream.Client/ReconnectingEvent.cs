using StructuredStream.Protocol;

namespace StructuredStream.Client;

/// <summary>Made by the client, not sent by the service: the connection dropped and it resumes after <paramref name="Delay"/>.</summary>
/// <param name="Attempt">1 for the first attempt since the last event arrived.</param>
/// <param name="Delay">How long the client waits before it reconnects.</param>
/// <param name="Reason">What went wrong with the connection.</param>
public sealed record ReconnectingEvent(int Attempt, TimeSpan Delay, string Reason) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "reconnecting";
}
