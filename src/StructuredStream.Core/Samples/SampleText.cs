using System.Text;

namespace StructuredStream.Samples;

/// <summary>
/// Plausible English for sample strings, chosen by the property's name: a person for <c>name</c>, a sentence for
/// <c>title</c>, paragraphs with a code block for <c>body</c> or <c>markdown</c>. Demos look like real output.
/// </summary>
internal static class SampleText
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Wirth"];
    private static readonly string[] Words =
    [
        "stream", "patch", "schema", "token", "model", "field", "value", "object", "client", "server", "latency", "chunk",
        "partial", "valid", "render", "form", "dashboard", "table", "series", "update", "cursor", "resume", "event",
        "browser", "request", "response", "quarter", "revenue", "customer", "ticket", "answer", "source", "summary",
    ];

    private static readonly string[] Sentences =
    [
        "Streaming structured output lets the page fill in while the model is still writing.",
        "Each patch leaves the client holding an object that can still become valid.",
        "A reconnecting reader resumes from its last sequence number and misses nothing.",
        "Finished fields lock as soon as their value is complete.",
        "The final event carries the whole object and a checksum of its canonical form.",
        "Revenue grew in every region except the north, where two large renewals slipped.",
        "Customers asked for exports in CSV and for a darker chart palette.",
        "The parser repairs trailing commas and code fences and says so in the final event.",
    ];

    /// <summary>A string for a property called <paramref name="name"/>, between the length bounds.</summary>
    public static string ForName(string? name, Random random, int minLength, int maxLength)
    {
        var key = name?.ToLowerInvariant() ?? "";
        var text = key switch
        {
            _ when key.Contains("name", StringComparison.Ordinal) && !key.Contains("file", StringComparison.Ordinal) => Person(random),
            _ when key is "body" or "markdown" or "content" or "answer" or "text" or "message" => Markdown(random),
            _ when key.Contains("description", StringComparison.Ordinal) || key.Contains("summary", StringComparison.Ordinal) => Paragraph(random, 2),
            _ when key.Contains("title", StringComparison.Ordinal) || key.Contains("subject", StringComparison.Ordinal) || key.Contains("label", StringComparison.Ordinal) => Title(random),
            _ when key.Contains("city", StringComparison.Ordinal) => Pick(random, ["Lisbon", "Oslo", "Nairobi", "Montreal", "Osaka"]),
            _ when key.Contains("phone", StringComparison.Ordinal) => $"+1 555 {random.Next(100, 1000)} {random.Next(1000, 10000)}",
            _ when key is "id" || key.EndsWith("id", StringComparison.Ordinal) => $"{Pick(random, Words)}-{random.Next(1000, 10000)}",
            _ => Phrase(random, random.Next(2, 6)),
        };
        return Fit(text, random, minLength, maxLength);
    }

    /// <summary>A first and last name.</summary>
    public static string Person(Random random) => $"{Pick(random, FirstNames)} {Pick(random, LastNames)}";

    private static string Title(Random random)
    {
        var phrase = Phrase(random, random.Next(3, 7));
        return char.ToUpperInvariant(phrase[0]) + phrase[1..];
    }

    private static string Phrase(Random random, int words)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            builder.Append(i == 0 ? "" : " ").Append(Pick(random, Words));
        }

        return builder.ToString();
    }

    private static string Paragraph(Random random, int sentences)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            builder.Append(i == 0 ? "" : " ").Append(Pick(random, Sentences));
        }

        return builder.ToString();
    }

    private static string Markdown(Random random) =>
        $"## {Title(random)}\n\n{Paragraph(random, 2)}\n\n```json\n{{\"seq\": {random.Next(1, 50)}, \"type\": \"patch\"}}\n```\n\n- {Paragraph(random, 1)}\n- {Paragraph(random, 1)}\n";

    /// <summary>Cuts or pads <paramref name="text"/> to the length bounds.</summary>
    private static string Fit(string text, Random random, int minLength, int maxLength)
    {
        var builder = new StringBuilder(text);
        while (builder.Length < minLength)
        {
            builder.Append(' ').Append(Pick(random, Words));
        }

        if (builder.Length > maxLength)
        {
            builder.Length = maxLength;
            // A cut must not split a surrogate pair or end on a space.
            while (builder.Length > 0 && (char.IsHighSurrogate(builder[^1]) || builder[^1] == ' ') && builder.Length > minLength)
            {
                builder.Length--;
            }
        }

        return builder.ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
