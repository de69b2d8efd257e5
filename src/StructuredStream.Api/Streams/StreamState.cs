using System.Text.Json;

namespace StructuredStream.Api.Streams;

/// <summary>A stream's state (<c>GET /v1/streams/{id}</c>).</summary>
/// <param name="Id">The stream's id.</param>
/// <param name="Status"><c>running</c>, or the outcome it ended with (<c>completed</c>, <c>cancelled</c> …).</param>
/// <param name="Seq">The seq of its last event.</param>
/// <param name="Object">The partial object as of <paramref name="Seq"/> (the final object once ended).</param>
/// <param name="SchemaHash">The schema's hash.</param>
/// <param name="SchemaId">The named schema, if any.</param>
/// <param name="Model">The model.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="EventsUrl">Where to read its events.</param>
public sealed record StreamState(
    string Id,
    string Status,
    long Seq,
    JsonElement Object,
    string SchemaHash,
    string? SchemaId,
    string Model,
    DateTimeOffset CreatedAt,
    string EventsUrl);
