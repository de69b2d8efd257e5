using StructuredStream.Api.Tests.Support;

namespace StructuredStream.Api.Tests;

/// <summary>openapi.yaml at the root is what the running service documents.</summary>
public sealed class OpenApiDocumentTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task The_committed_openapi_yaml_equals_the_served_document()
    {
        using var client = host.Client();
        var served = Normalize(await client.GetStringAsync("/swagger/v1/swagger.yaml"));
        var file = Path.Combine(RepositoryRoot(), "openapi.yaml");

        // To accept a deliberate change: STRUCTUREDSTREAM_UPDATE_OPENAPI=1 dotnet test, then review the diff.
        if (Environment.GetEnvironmentVariable("STRUCTUREDSTREAM_UPDATE_OPENAPI") == "1")
        {
            File.WriteAllText(file, served);
        }

        Assert.True(File.Exists(file), "openapi.yaml is missing at the repository root");
        var committed = Normalize(File.ReadAllText(file));
        Assert.True(committed == served,
            "openapi.yaml differs from /swagger/v1/swagger.yaml. Regenerate it with STRUCTUREDSTREAM_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests and review the diff.");
    }

    [Fact]
    public async Task Swagger_UI_is_served()
    {
        using var client = host.Client();

        var page = await client.GetStringAsync("/swagger/index.html");

        Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    private static string RepositoryRoot()
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
