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
