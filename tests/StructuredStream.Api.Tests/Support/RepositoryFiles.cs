namespace StructuredStream.Api.Tests.Support;

/// <summary>Files of the repository the tests hold the service to (openapi.yaml, docs).</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder with StructuredStream.sln, above the test's folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StructuredStream.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with StructuredStream.sln) was not found above the test's folder.");
    }
}
