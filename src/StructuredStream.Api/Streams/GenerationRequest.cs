using Microsoft.Extensions.AI;
using StructuredStream.Api.Models.Simulated;
using StructuredStream.Patching;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Validation;

namespace StructuredStream.Api.Streams;

/// <summary>A checked request: everything a generation needs, nothing left to refuse.</summary>
public sealed record GenerationRequest(CompiledSchema Schema, IReadOnlyList<ChatMessage> Messages)
{
    /// <summary>The named schema, when the request used one.</summary>
    public string? SchemaId { get; init; }

    /// <summary>How string growth is sent.</summary>
    public PatchMode PatchMode { get; init; } = PatchMode.Append;

    /// <summary>What a violation does.</summary>
    public ViolationPolicy ViolationPolicy { get; init; } = ViolationPolicy.Abort;

    /// <summary>Whether a violation asks the model again from the last valid value (<c>onViolation</c> <c>retry</c>).</summary>
    public bool RetryViolations { get; init; }

    /// <summary>Sampling options.</summary>
    public ModelSettings? Model { get; init; }

    /// <summary>The simulated model's scenario.</summary>
    public SimulationSettings? Simulation { get; init; }

    /// <summary>Whose stream it is.</summary>
    public string Tenant { get; init; } = Access.ApiKeys.SingleTenant;

    /// <summary>The request as received, kept with the stream for regenerate and continue.</summary>
    public CreateStreamRequest? Source { get; init; }

    /// <summary>The stream this one regenerates, if it does.</summary>
    public string? RegeneratedFrom { get; init; }

    /// <summary>The stream this one continues, and from where, if it does.</summary>
    public StreamContinuation? Continuation { get; init; }

    /// <summary>How the stream's answer is read: by the generation, and by a check of text it will go on from.</summary>
    public EventStreamOptions BuilderOptions(StreamOptions streams)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return new()
        {
            Schema = Schema,
            PatchMode = PatchMode,
            ViolationPolicy = ViolationPolicy,
            MaxInputLength = streams.MaxAnswerCharacters,
        };
    }

    /// <summary>Whether the schema is a plain string (chat): the model writes text, not JSON.</summary>
    public bool PlainText => Schema.Json.ValueKind == System.Text.Json.JsonValueKind.Object
        && Schema.Json.TryGetProperty("type", out var type) && type.ValueKind == System.Text.Json.JsonValueKind.String && type.ValueEquals("string");
}
