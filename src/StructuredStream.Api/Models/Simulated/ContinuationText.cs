using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>What the simulated model writes when asked to go on from a partial answer (a prefill).</summary>
internal static class ContinuationText
{
    /// <summary>
    /// The rest of <paramref name="answer"/> when it starts with <paramref name="soFar"/> (the same request gives the
    /// same answer). Otherwise (the user edited it) as JSON: what closes the open values, then the members of the
    /// answer's root object that the text does not have yet, as a model would fill in the rest; as plain text nothing.
    /// </summary>
    public static string For(string answer, string soFar, bool plainText)
    {
        if (answer.StartsWith(soFar, StringComparison.Ordinal))
        {
            return answer[soFar.Length..];
        }

        if (plainText)
        {
            return "";
        }

        var closing = Closing(soFar);
        if (!closing.EndsWith('}') || JsonNode.Parse(answer) is not JsonObject whole || JsonNode.Parse(soFar + closing) is not JsonObject present)
        {
            return closing;
        }

        // Close everything but the root object, add the members it lacks, then close it.
        var rest = new StringBuilder(closing[..^1]);
        var first = present.Count == 0;
        foreach (var (name, value) in whole)
        {
            if (!present.ContainsKey(name))
            {
                rest.Append(first ? "" : ",").Append(JsonSerializer.Serialize(name)).Append(':').Append(value?.ToJsonString() ?? "null");
                first = false;
            }
        }

        return rest.Append('}').ToString();
    }

    private static string Closing(string json)
    {
        var open = new Stack<char>();
        var inString = false;
        var escaped = false;
        foreach (var c in json)
        {
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '{': open.Push('}'); break;
                case '[': open.Push(']'); break;
                case '}' or ']': open.TryPop(out _); break;
            }
        }

        var closing = new StringBuilder(inString ? "\"" : "");
        while (open.TryPop(out var bracket))
        {
            closing.Append(bracket);
        }

        return closing.ToString();
    }
}
