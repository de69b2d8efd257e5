using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Patching;

/// <summary>json-patch/json-patch-tests (tests.json and spec_tests.json), read in place; disabled records are skipped.</summary>
public sealed class JsonPatchConformanceTests
{
    public static TheoryData<string, int> Cases => ConformanceSuite.JsonPatchCases();

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Applier_passes_the_json_patch_test_suite(string file, int index)
    {
        using var document = ConformanceSuite.JsonPatchFile(file);
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
}
