namespace StructuredStream.Tests.Support;

/// <summary>
/// Finds the public conformance suites in <c>../shared/conformance</c> next to the repository, read in place.
/// A clone without them still runs every other test; these report themselves skipped with the reason.
/// </summary>
internal static class ConformanceSuite
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? Directory => Root.Value;

    public static string SkipReason =>
        "Conformance data not found: expected ../shared/conformance next to the repository " +
        "(or set STRUCTUREDSTREAM_CONFORMANCE to its path).";

    public static string PathOf(params string[] parts) =>
        Path.Combine([Directory ?? throw new InvalidOperationException(SkipReason), .. parts]);

    /// <summary>The enabled records of json-patch-tests (tests.json and spec_tests.json) that have a doc and a patch: (file, index).</summary>
    public static TheoryData<string, int> JsonPatchCases()
    {
        var data = new TheoryData<string, int>();
        if (Directory is null)
        {
            return data;
        }

        foreach (var file in new[] { "tests.json", "spec_tests.json" })
        {
            using var document = JsonPatchFile(file);
            var index = 0;
            foreach (var record in document.RootElement.EnumerateArray())
            {
                var disabled = record.TryGetProperty("disabled", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.True;
                if (!disabled && record.TryGetProperty("doc", out _) && record.TryGetProperty("patch", out _))
                {
                    data.Add(file, index);
                }

                index++;
            }
        }

        return data;
    }

    /// <summary>One file of json-patch-tests. JsonDocument, not JsonNode: two disabled records repeat "op", which JsonObject refuses.</summary>
    public static System.Text.Json.JsonDocument JsonPatchFile(string file) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(PathOf("json-patch-tests", file)));

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("STRUCTUREDSTREAM_CONFORMANCE");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return System.IO.Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StructuredStream.sln")))
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "conformance");
                return System.IO.Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the conformance suites; skipped with the reason when they are absent.</summary>
internal sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceSuite.Directory is null)
        {
            Skip = ConformanceSuite.SkipReason;
        }
    }
}

/// <summary>A theory over conformance cases; skipped with the reason when they are absent.</summary>
internal sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceSuite.Directory is null)
        {
            Skip = ConformanceSuite.SkipReason;
        }
    }
}
