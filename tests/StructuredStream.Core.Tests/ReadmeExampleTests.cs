using System.Text;
using System.Text.RegularExpressions;
using StructuredStream.Documents;
using StructuredStream.Protocol;
using StructuredStream.Tests.Shared;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests;

/// <summary>The README's example of the engine in one's own code compiles as printed and streams what it says.</summary>
public sealed class ReadmeExampleTests
{
    private const string Section = "## The engine in your own code";

    [Fact]
    public void The_readme_library_example_compiles_and_streams_events_that_replay_to_the_final_object()
    {
        var run = CSharpSource.Compile("ReadmeExample", ExampleFromReadme()).GetType("ReadmeExample")!.GetMethod("Run")!;
        using var output = new MemoryStream();
        string[] chunks = [.. ChunkedText.CutEvery("""Here it is: {"title":"Weather in Zürich","days":[1,2,]}""", 3)];

        run.Invoke(null, ["""{"type":"object","properties":{"title":{"type":"string"}},"required":["title"]}""", output, chunks]);

        var events = Wire.FromNdjson(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        var final = Assert.IsType<FinalEvent>(events[^1].Event);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal(CanonicalJson.Checksum(DocumentAssert.Replay(events)), final.Checksum);
        Assert.Equal("Weather in Zürich", ((StringNode)((ObjectNode)final.Object).Members[0].Value).Value);
    }

    /// <summary>The README's C# block under <see cref="Section"/>, as a method taking the names it uses.</summary>
    private static string ExampleFromReadme()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var section = readme.IndexOf(Section, StringComparison.Ordinal);
        Assert.True(section >= 0, $"README.md has no '{Section}' section");
        var block = Regex.Match(readme[section..], "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var lines = block.Split('\n');
        var usings = lines.Where(l => Regex.IsMatch(l, @"^using [\w.]+;$"));
        var body = lines.Where(l => !Regex.IsMatch(l, @"^using [\w.]+;$"));
        return $$"""
            {{string.Join("\n", usings)}}

            public static class ReadmeExample
            {
                public static void Run(string schemaJson, System.IO.Stream output, System.Collections.Generic.IEnumerable<string> modelChunks)
                {
            {{string.Join("\n", body)}}
                }
            }
            """;
    }
}
