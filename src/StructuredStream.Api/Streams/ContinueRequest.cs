using System.Text.Json;
using System.Text.Json.Serialization;

namespace StructuredStream.Api.Streams;

/// <summary>The optional body of <c>POST /v1/streams/{id}/continue</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ContinueRequest
{
    /// <summary>
    /// The object to go on from instead of the one the stream kept: the kept object as the user edited it. Its values
    /// that were complete and are still there stay complete; the model continues its last unfinished value.
    /// </summary>
    public JsonElement? Object { get; init; }
}
