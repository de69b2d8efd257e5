using System.Text.Json;
using System.Text.Json.Serialization;
using StructuredStream.Api.Models.Simulated;

namespace StructuredStream.Api.Streams;

/// <summary>The body of <c>POST /v1/streams</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateStreamRequest
{
    /// <summary>The JSON Schema the answer must satisfy (draft 2020-12). Give this or <see cref="SchemaId"/>.</summary>
    public JsonElement? Schema { get; init; }

    /// <summary>The id of a named schema (<c>GET /v1/schemas</c>). Give this or <see cref="Schema"/>.</summary>
    public string? SchemaId { get; init; }

    /// <summary>The conversation. Give this or <see cref="Prompt"/>.</summary>
    public IReadOnlyList<MessageInput>? Messages { get; init; }

    /// <summary>A single user message. Give this or <see cref="Messages"/>.</summary>
    public string? Prompt { get; init; }

    /// <summary>Sampling options passed to the model.</summary>
    public ModelSettings? Model { get; init; }

    /// <summary><c>append</c> (default: strings grow by the <c>append</c> op) or <c>strict</c> (RFC 6902 only).</summary>
    public string? Patch { get; init; }

    /// <summary>
    /// What a schema violation does: <c>abort</c> (default: <c>error</c> and <c>final</c> <c>invalid</c>),
    /// <c>continue</c> (report it and go on) or <c>retry</c> (ask the model again from the last valid value, telling it
    /// what broke, up to <c>Streams:ViolationRetries</c> times, with a <c>status</c> <c>retrying</c>).
    /// </summary>
    public string? OnViolation { get; init; }

    /// <summary>For the simulated model: a scenario for demos and tests. Other models ignore it.</summary>
    public SimulationSettings? Simulation { get; init; }
}

/// <summary>One message of the conversation.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The message's text.</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MessageInput(string Role, string Content);

/// <summary>Sampling options.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ModelSettings
{
    /// <summary>Sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>The most tokens the model may write.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>A seed, for providers that honour it; the simulated model is deterministic for a seed.</summary>
    public long? Seed { get; init; }
}
