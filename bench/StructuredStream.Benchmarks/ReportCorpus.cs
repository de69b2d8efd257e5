using System.Globalization;
using System.Text;
using System.Text.Json;
using StructuredStream.Documents;

namespace StructuredStream.Benchmarks;

/// <summary>
/// Generated report documents like the ones models write for dashboards: sections of markdown paragraphs with code,
/// unicode and escapes, and tables of row objects. Deterministic for a size, so every run measures the same text.
/// </summary>
public static class ReportCorpus
{
    private static readonly string[] Words =
    [
        "revenue", "grew", "across", "every", "region", "while", "costs", "stayed", "flat", "the", "team", "shipped",
        "**three**", "`features`", "and", "closed", "_two_", "incidents", "café", "naïve", "Zürich", "東京", "data",
        "😀", "growth", "→", "—", "\"quoted\"", "back\\slash", "tab\there", "margin", "forecast", "Q3", "42%",
    ];

    private static readonly string[] Regions = ["EMEA", "APAC", "North America", "LATAM", "Nordics", "DACH"];

    /// <summary>The JSON Schema the reports satisfy: types, required members, enums, ranges, a pattern, no extra members.</summary>
    public const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["title", "summary", "sections"],
          "properties": {
            "title": {"type": "string", "maxLength": 200},
            "summary": {"type": "string"},
            "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}}
          },
          "$defs": {
            "section": {
              "type": "object",
              "additionalProperties": false,
              "required": ["heading", "body", "rows"],
              "properties": {
                "heading": {"type": "string", "pattern": "^Section [0-9]+: "},
                "body": {"type": "string"},
                "rows": {"type": "array", "maxItems": 100, "items": {"$ref": "#/$defs/row"}}
              }
            },
            "row": {
              "type": "object",
              "additionalProperties": false,
              "required": ["region", "revenue", "growth", "customers", "onTarget"],
              "properties": {
                "region": {"enum": ["EMEA", "APAC", "North America", "LATAM", "Nordics", "DACH"]},
                "revenue": {"type": "number", "minimum": 0},
                "growth": {"type": "number", "minimum": -1, "maximum": 1},
                "customers": {"type": "integer", "minimum": 0},
                "onTarget": {"type": "boolean"},
                "notes": {"type": ["string", "null"]},
                "comment": {"type": "string", "maxLength": 2000}
              }
            }
          }
        }
        """;

    /// <summary>
    /// An indented JSON report of about <paramref name="targetBytes"/> UTF-8 bytes; another <paramref name="variant"/>
    /// gives another report of the same kind and size (variant 0 is the one the chunk files and tables use).
    /// </summary>
    public static string Generate(int targetBytes, int variant = 0)
    {
        var random = new Random(targetBytes ^ (variant * 0x3C6EF372));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, DocumentNode.WriterOptions with { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("title", "Quarterly report — Q3 2026");
            writer.WriteString("summary", Paragraph(random, 60));
            writer.WriteStartArray("sections");
            var section = 0;
            while (true)
            {
                writer.Flush();
                if (buffer.Length >= targetBytes - 1024)
                {
                    break;
                }

                WriteSection(writer, random, section++, Math.Max(1, Math.Min(8, (targetBytes - (int)buffer.Length) / 900)));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Cuts a text into chunks of 1 to 8 UTF-16 code units, like a model's tokens, as ranges of the text: a model's
    /// chunk is a fresh string in cache when it arrives, which 230,000 strings allocated up front would not be.
    /// </summary>
    public static Range[] Chunk(string text, int seed = 1) => Cut(text.Length, seed);

    /// <summary>Cuts UTF-8 text into chunks of 1 to 8 bytes (a chunk may end inside a character, as on a socket).</summary>
    public static Range[] ChunkBytes(byte[] utf8, int seed = 1) => Cut(utf8.Length, seed);

    private static Range[] Cut(int length, int seed)
    {
        var random = new Random(seed);
        var chunks = new List<Range>(length / 4);
        for (var i = 0; i < length;)
        {
            var size = Math.Min(random.Next(1, 9), length - i);
            chunks.Add(new Range(i, i + size));
            i += size;
        }

        return [.. chunks];
    }

    private static void WriteSection(Utf8JsonWriter writer, Random random, int index, int rows)
    {
        writer.WriteStartObject();
        writer.WriteString("heading", $"Section {index + 1}: {Words[random.Next(Words.Length)]}");
        writer.WriteString("body", Paragraph(random, 40) + "\n\n```csharp\nvar total = rows.Sum(r => r.Revenue); // \"net\"\n```\n\n" + Paragraph(random, 30));
        writer.WriteStartArray("rows");
        for (var r = 0; r < rows; r++)
        {
            writer.WriteStartObject();
            writer.WriteString("region", Regions[random.Next(Regions.Length)]);
            writer.WriteNumber("revenue", Math.Round(random.NextDouble() * 1_000_000, 2));
            writer.WriteNumber("growth", Math.Round((random.NextDouble() - 0.3) / 10, 4));
            writer.WriteNumber("customers", random.Next(0, 100_000));
            writer.WriteBoolean("onTarget", random.Next(2) == 0);
            writer.WriteNull("notes");
            writer.WriteString("comment", Paragraph(random, 8));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Paragraph(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? "" : " ").Append(Words[random.Next(Words.Length)]);
        }

        return text.Append(". ").Append(random.Next(1000).ToString(CultureInfo.InvariantCulture)).Append('.').ToString();
    }
}
