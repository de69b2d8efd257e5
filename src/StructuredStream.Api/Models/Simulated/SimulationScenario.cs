using System.Text.Json.Serialization;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>What the simulated model does besides writing a valid answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SimulationScenario>))]
public enum SimulationScenario
{
    /// <summary>A schema-valid answer, in full.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Stops writing after some tokens and never finishes (until a time-out or a cancel).</summary>
    [JsonStringEnumMemberName("stall")] Stall,

    /// <summary>Fails with an error after some tokens.</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>Wraps the answer in prose and a code fence and adds a trailing comma: the parser repairs it.</summary>
    [JsonStringEnumMemberName("malformed")] Malformed,

    /// <summary>Stops two thirds of the way through, as when the model runs out of tokens.</summary>
    [JsonStringEnumMemberName("truncated")] Truncated,

    /// <summary>Writes a value the schema does not allow.</summary>
    [JsonStringEnumMemberName("violation")] Violation,

    /// <summary>Calls the demo retrieval tool first, then answers.</summary>
    [JsonStringEnumMemberName("tool")] Tool,

    /// <summary>A valid answer whose longest string is repeated to about a million characters: for watching a long generation.</summary>
    [JsonStringEnumMemberName("long")] Long,
}
