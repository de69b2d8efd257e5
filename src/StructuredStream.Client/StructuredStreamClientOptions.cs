namespace StructuredStream.Client;

/// <summary>Settings of a <see cref="StructuredStreamClient"/>.</summary>
public sealed record StructuredStreamClientOptions
{
    /// <summary>Sent as <c>Authorization: Bearer</c> when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>NDJSON (default) or server-sent events.</summary>
    public StreamTransport Transport { get; init; } = StreamTransport.Ndjson;

    /// <summary>Resuming after a dropped connection.</summary>
    public ReconnectOptions Reconnect { get; init; } = new();

    /// <summary>The clock for back-off waits (tests use a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
