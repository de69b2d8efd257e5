using System.Text;

namespace StructuredStream.Cli.Tests;

/// <summary>A directory of input files for one test, deleted afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("structured-stream-cli-").FullName;

    public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
