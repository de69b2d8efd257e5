using System.Text;

namespace StructuredStream.Api.Models.Simulated;

/// <summary>What the simulated model writes when asked to go on from a partial answer (a prefill).</summary>
internal static class ContinuationText
{
    /// <summary>
    /// The rest of <paramref name="answer"/> when it starts with <paramref name="soFar"/> (the same request gives the
    /// same answer); otherwise, as JSON, just the characters that close what is open, and as plain text nothing.
    /// </summary>
    public static string For(string answer, string soFar, bool plainText)
    {
        if (answer.StartsWith(soFar, StringComparison.Ordinal))
        {
            return answer[soFar.Length..];
        }

        return plainText ? "" : Closing(soFar);
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
