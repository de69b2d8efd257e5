using StructuredStream.Documents;
using StructuredStream.Samples;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>The text the simulated model writes for a schema, a seed and a scenario.</summary>
internal static class ScenarioText
{
    /// <summary>
    /// The whole answer; a scenario that stops early (<c>stall</c>, <c>error</c>) cuts it while it is sent. As plain text
    /// (chat), the answer is the sampled string itself, and only <c>truncated</c> changes it.
    /// </summary>
    public static string For(CompiledSchema schema, int seed, SimulationScenario scenario, bool plainText)
    {
        var valid = new SampleGenerator(schema).Generate(seed);
        if (plainText)
        {
            var text = ((StringNode)valid).Value;
            return scenario == SimulationScenario.Truncated ? Cut(text) : text;
        }

        switch (scenario)
        {
            case SimulationScenario.Violation:
                var mutation = new SampleMutator(schema).Mutate(valid, seed);
                return (mutation?.Document ?? valid).ToJsonString();
            case SimulationScenario.Malformed:
                return $"Sure! Here is the JSON you asked for:\n\n```json\n{WithTrailingComma(valid.ToJsonString())}\n```\n\nLet me know if you need anything else.";
            case SimulationScenario.Truncated:
                return Cut(valid.ToJsonString());
            default:
                return valid.ToJsonString();
        }
    }

    /// <summary>The first two thirds, not splitting a surrogate pair.</summary>
    private static string Cut(string text)
    {
        var cut = text.Length * 2 / 3;
        return text[..(cut > 0 && char.IsLowSurrogate(text[cut]) ? cut - 1 : cut)];
    }

    /// <summary>Puts a comma before the last closing bracket, as models sometimes do.</summary>
    private static string WithTrailingComma(string json) =>
        json.Length > 2 && json[^1] is '}' or ']' && json[^2] is not ('{' or '[') ? json[..^1] + "," + json[^1] : json;
}
