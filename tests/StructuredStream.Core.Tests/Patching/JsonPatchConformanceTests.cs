using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Patching;

/// <summary>json-patch/json-patch-tests (tests.json and spec_tests.json), read in place; disabled records are skipped.</summary>
public sealed class JsonPatchConformanceTests
{
    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            if (ConformanceSuite.Directory is null)
            {
                return data;
            }

            foreach (var file in new[] { "tests.json", "spec_tests.json" })
            {
                using var document = Load(file);
                var index = 0;
                foreach (var record in document.RootElement.EnumerateArray())
                {
                    var disabled = record.TryGetProperty("disabled", out var d) && d.ValueKind == JsonValueKind.True;
                    if (!disabled && record.TryGetProperty("doc", out _) && record.TryGetProperty("patch", out _))
                    {
                        data.Add(file, index);
                    }

                    index++;
                }
            }

            return data;
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Applier_passes_the_json_patch_test_suite(string file, int index)
    {
        // JsonDocument, not JsonNode: two disabled records repeat "op", which JsonObject refuses to load.
        using var document = Load(file);
        var record = document.RootElement[index];
        var doc = DocumentNode.FromElement(record.GetProperty("doc"));

        DocumentNode Apply() => PatchApplier.Apply(doc, record.GetProperty("patch").EnumerateArray().Select(StreamEventSerializer.ReadOperation).ToList());

        if (record.TryGetProperty("error", out var error))
        {
            Assert.Throws<PatchException>(Apply);
        }
        else
        {
            var result = Apply();
            if (record.TryGetProperty("expected", out var expected))
            {
                DocumentAssert.Equal(DocumentNode.FromElement(expected), result, Comment(record));
            }
        }
    }

    private static string Comment(JsonElement record) =>
        record.TryGetProperty("comment", out var c) ? c.GetString() ?? "" : "";

    private static JsonDocument Load(string file) =>
        JsonDocument.Parse(File.ReadAllBytes(ConformanceSuite.PathOf("json-patch-tests", file)));
}
