using System.Text.Json;

namespace StructuredStream.Protocol;

/// <summary>An event of a type this version does not know; readers skip it (new types may be added).</summary>
public sealed record UnknownEvent(string EventType, JsonElement Json) : StreamEvent
{
    /// <inheritdoc />
    public override string Type => EventType;
}
