using System.Text.Json;
using StructuredStream.Protocol;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;
using StructuredStream.Validation;
using Xunit.Abstractions;

namespace StructuredStream.Tests.Validation;

/// <summary>
/// JSON-Schema-Test-Suite, draft 2020-12, read in place from ../shared: the final validation must give every case's
/// expected answer, and the partial validator, fed each instance as a stream, must never flag a valid instance.
/// Invalid instances must end <c>invalid</c>.
/// </summary>
public sealed class JsonSchemaSuiteTests(ITestOutputHelper output)
{
    private const string Draft = "tests/draft2020-12";

    /// <summary>The suite's remote documents, served to <c>$ref</c> from the test-only map of <c>http://localhost:1234/</c>.</summary>
    private static readonly Lazy<Dictionary<Uri, string>> Remotes = new(LoadRemotes);

    /// <summary>
    /// Schemas this service refuses on purpose, by file and group description, with the reason. Nothing else may be
    /// refused.
    /// </summary>
    private static readonly Dictionary<(string File, string Group), string> Refused = new()
    {
        [("defs.json", "validate definition against metaschema")] = MetaSchema,
        [("ref.json", "remote ref, containing refs itself")] = MetaSchema,
        [("pattern.json", "pattern with Unicode property escape requires unicode mode")] = UnicodeProperty,
        [("patternProperties.json", "patternProperties with Unicode property escape")] = UnicodeProperty,
        [("vocabulary.json", "schema that uses custom metaschema with with no validation vocabulary")] = OtherDialect,
        [("vocabulary.json", "ignore unrecognized optional vocabulary")] = OtherDialect,
    };

    private const string MetaSchema = "a $ref to the draft 2020-12 meta-schema is a reference outside the schema, refused like any other";
    private const string UnicodeProperty = ".NET regular expressions do not know ECMA-262 property names such as \\p{Letter}";
    private const string OtherDialect = "only the draft 2020-12 dialect is accepted, not custom meta-schemas";

    /// <summary>
    /// Cases where JsonSchema.Net 8.0.5, the authoritative validator, answers otherwise than the suite. The partial
    /// validator uses the same format checks, so the service is consistent with itself on them.
    /// </summary>
    private static readonly Dictionary<(string File, string Test), string> Disagreements = new()
    {
        [("optional/format/date-time.json", "a trailing newline is invalid")] = "JsonSchema.Net's date-time pattern ends in '$', which matches before a final newline",
        [("optional/format/uuid.json", "a trailing newline after a complete UUID is invalid")] = "JsonSchema.Net's uuid check accepts a final newline",
        [("optional/format/uri.json", "invalid percent-encoding with non-hex digits")] = UriPercent,
        [("optional/format/uri.json", "incomplete percent-encoding triplet")] = UriPercent,
        [("optional/format/uri.json", "lone percent sign is invalid")] = UriPercent,
    };

    private const string UriPercent = "JsonSchema.Net's uri check (System.Uri) accepts malformed percent-encoding";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (ConformanceSuite.Directory is null)
        {
            data.Add("(suite not found)");
            return data;
        }

        var root = ConformanceSuite.PathOf("json-schema-test-suite", Draft);
        foreach (var file in Directory.GetFiles(root, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "optional", "format"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add("optional/format/" + Path.GetFileName(file));
        }

        return data;
    }

    [ConformanceTheory]
    [MemberData(nameof(Files))]
    public void Final_validation_gives_the_expected_answer_and_streaming_never_flags_a_valid_instance(string file)
    {
        var path = ConformanceSuite.PathOf("json-schema-test-suite", Draft, file);
        using var suite = JsonDocument.Parse(File.ReadAllText(path));
        var failures = new List<string>();
        int tests = 0, invalid = 0, flaggedEarly = 0;
        foreach (var group in suite.RootElement.EnumerateArray())
        {
            var description = group.GetProperty("description").GetString()!;
            var schemaText = group.GetProperty("schema").GetRawText();
            CompiledSchema schema;
            try
            {
                schema = SchemaLoader.Load(schemaText, new SchemaLoadOptions
                {
                    AssertFormats = file.StartsWith("optional/format/", StringComparison.Ordinal),
                    KnownDocuments = schemaText.Contains("localhost:1234", StringComparison.Ordinal) ? Remotes.Value : new Dictionary<Uri, string>(),
                });
            }
            catch (SchemaException e)
            {
                if (!Refused.ContainsKey((file, description)))
                {
                    failures.Add($"[{description}] schema refused: {e.Message}");
                }

                continue;
            }

            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                tests++;
                var name = $"[{description}] {test.GetProperty("description").GetString()}";
                var data = test.GetProperty("data");
                var expected = test.GetProperty("valid").GetBoolean();
                var errors = schema.Final.Validate(data);
                if (errors.Count == 0 != expected)
                {
                    if (!Disagreements.ContainsKey((file, test.GetProperty("description").GetString()!)))
                    {
                        failures.Add($"{name}: final validation says {(errors.Count == 0 ? "valid" : "invalid")}, expected {(expected ? "valid" : "invalid")}");
                    }

                    continue;
                }

                var run = StreamRun.Of(ChunkedText.CutEvery(data.GetRawText(), 3), new EventStreamOptions { Schema = schema, ViolationPolicy = ViolationPolicy.Continue });
                var early = run.Events.Select(e => e.Event).OfType<ErrorEvent>().Where(e => e.Code == "schema_violation").ToList();
                if (expected && early.Count > 0)
                {
                    failures.Add($"{name}: valid, but flagged while streaming at '{early[0].Path}' ({early[0].Keyword}): {early[0].Message}");
                }

                if (!expected)
                {
                    invalid++;
                    flaggedEarly += early.Count > 0 ? 1 : 0;
                    if (run.Final.Outcome != StreamOutcome.Invalid)
                    {
                        failures.Add($"{name}: invalid, but the stream ended {FinalEvent.WireName(run.Final.Outcome)}");
                    }

                    // Same place, or same keyword: JsonSchema.Net 8.0.5 reports 'items' failures after prefixItems at the wrong index.
                    foreach (var error in early.Where(e => !run.Final.Errors.Any(f => Related(f.Path, e.Path!) || f.Keyword == e.Keyword)))
                    {
                        failures.Add($"{name}: flagged at '{error.Path}' ({error.Keyword}) while streaming, but the final validation found nothing there: {string.Join("; ", run.Final.Errors)}");
                    }
                }
            }
        }

        output.WriteLine($"{file}: {tests} cases, {invalid} invalid, {flaggedEarly} of them flagged while streaming");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Whether two instance locations are the same value or one contains the other.</summary>
    private static bool Related(string a, string b) =>
        a == b || a.StartsWith(b + "/", StringComparison.Ordinal) || b.StartsWith(a + "/", StringComparison.Ordinal) || a.Length == 0 || b.Length == 0;

    private static Dictionary<Uri, string> LoadRemotes()
    {
        var root = ConformanceSuite.PathOf("json-schema-test-suite", "remotes");
        var remotes = new Dictionary<Uri, string>();
        foreach (var file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            // Documents of other drafts belong to other drafts' tests.
            if (relative.Contains('/', StringComparison.Ordinal) && !relative.StartsWith("draft2020-12/", StringComparison.Ordinal) &&
                !relative.StartsWith("baseUriChange", StringComparison.Ordinal) && !relative.StartsWith("nested/", StringComparison.Ordinal))
            {
                continue;
            }

            remotes[new Uri("http://localhost:1234/" + relative)] = File.ReadAllText(file);
        }

        return remotes;
    }
}
