namespace StructuredStream.Tests.Support;

/// <summary>Files of this repository, found from the test binaries by walking up to the solution file.</summary>
internal static class Repository
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StructuredStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StructuredStream.sln not found above the test binaries.");
    });

    public static string PathOf(params string[] parts) => Path.Combine([Root.Value, .. parts]);
}
