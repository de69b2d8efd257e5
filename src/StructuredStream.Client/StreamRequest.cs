using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StructuredStream.Client;

/// <summary>The body of <c>POST /v1/streams</c>: a schema (or a named one) and a prompt (or messages).</summary>
public sealed record StreamRequest
{
    /// <summary>The JSON Schema the answer must satisfy. Give this or <see cref="SchemaId"/>.</summary>
    public JsonNode? Schema { get; init; }

    /// <summary>A named schema of the service. Give this or <see cref="Schema"/>.</summary>
    public string? SchemaId { get; init; }

    /// <summary>A single user message. Give this or <see cref="Messages"/>.</summary>
    public string? Prompt { get; init; }

    /// <summary>The conversation. Give this or <see cref="Prompt"/>.</summary>
    public IReadOnlyList<StreamMessage>? Messages { get; init; }

    /// <summary>Sampling options.</summary>
    public StreamModelSettings? Model { get; init; }

    /// <summary><c>append</c> (default) or <c>strict</c> (RFC 6902 only).</summary>
    public string? Patch { get; init; }

    /// <summary><c>abort</c> (default) or <c>continue</c>: what a schema violation does.</summary>
    public string? OnViolation { get; init; }

    /// <summary>For the simulated model: a scenario such as <c>{"scenario":"stall"}</c>; other models ignore it.</summary>
    public JsonObject? Simulation { get; init; }
}

/// <summary>One message of the conversation.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The message's text.</param>
public sealed record StreamMessage(string Role, string Content);

/// <summary>Sampling options.</summary>
public sealed record StreamModelSettings
{
    /// <summary>Sampling temperature.</summary>
    public float? Temperature { get; init; }

    /// <summary>The most tokens the model may write.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>A seed; the simulated model is deterministic for a seed.</summary>
    public long? Seed { get; init; }
}

/// <summary>How request bodies are written: the service's names, nothing for what is not set.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StreamRequest))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class RequestJson : JsonSerializerContext;
