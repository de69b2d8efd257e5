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
            case SimulationScenario.Long:
                Lengthen(valid);
                return valid.ToJsonString();
            default:
                return valid.ToJsonString();
        }
    }

    /// <summary>About a million characters in all: the longest string of the answer, repeated paragraph by paragraph.</summary>
    private static void Lengthen(DocumentNode answer)
    {
        const int Target = 1_000_000;
        if (Longest(answer) is not { Length: > 0 } longest)
        {
            return;
        }

        var paragraph = "\n\n" + longest.Value;
        while (longest.Length < Target)
        {
            longest.Append(paragraph);
        }
    }

    private static StringNode? Longest(DocumentNode node)
    {
        StringNode? best = null;
        var pending = new Stack<DocumentNode>([node]);
        while (pending.TryPop(out var current))
        {
            switch (current)
            {
                case StringNode s when s.Length > (best?.Length ?? -1):
                    best = s;
                    break;
                case ObjectNode o:
                    foreach (var member in o.Members)
                    {
                        pending.Push(member.Value);
                    }

                    break;
                case ArrayNode a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        pending.Push(a[i]);
                    }

                    break;
            }
        }

        return best;
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
