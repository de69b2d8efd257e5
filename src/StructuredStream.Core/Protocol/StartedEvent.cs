namespace StructuredStream.Protocol;

/// <summary><c>started</c>: always the first event; what the stream is and where to resume it.</summary>
/// <param name="StreamId">The stream's id.</param>
/// <param name="SchemaHash">The schema's hash.</param>
/// <param name="Model">The model writing the stream.</param>
/// <param name="EventsUrl">Where to read (and resume) the stream's events.</param>
public sealed record StartedEvent(string StreamId, string SchemaHash, string Model, string EventsUrl) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => "started";

    /// <summary>The named schema, when the request gave a <c>schemaId</c>.</summary>
    public string? SchemaId { get; init; }

    /// <summary>The stream this one regenerates, if any.</summary>
    public string? RegeneratedFrom { get; init; }

    /// <summary>The stream this one continues, if it does: its object is where this one starts.</summary>
    public string? ContinuedFrom { get; init; }
}
