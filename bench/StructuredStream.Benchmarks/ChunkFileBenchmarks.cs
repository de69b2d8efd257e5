using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Benchmarks;

/// <summary>
/// Our side of bench/compare.sh under BenchmarkDotNet: the chunk files the anchors read, every chunk's events in
/// <c>append</c> mode formatted as the service sends them, then the end. <see cref="ChunkTimings"/> times the same work
/// chunk by chunk for the per-chunk percentiles; this is the total without the per-chunk clock reads.
/// </summary>
/// <remarks>The files come from the directory in <c>STRUCTUREDSTREAM_CHUNK_FILES</c>; without it there is nothing to run.</remarks>
[MemoryDiagnoser]
public class ChunkFileBenchmarks
{
    /// <summary>The environment variable naming the directory of <c>*.chunks.ndjson</c> files.</summary>
    public const string DirectoryVariable = "STRUCTUREDSTREAM_CHUNK_FILES";

    private string[] _chunks = [];

    private const string Extension = ".chunks.ndjson";

    /// <summary>A chunk file's name without <c>.chunks.ndjson</c> (short enough that BenchmarkDotNet shows it whole).</summary>
    [ParamsSource(nameof(Files))]
    public string File { get; set; } = "";

    public static IEnumerable<string> Files() =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory
            ? Directory.GetFiles(directory, "*" + Extension).Select(path => Path.GetFileName(path)[..^Extension.Length]).Order(StringComparer.Ordinal)
            : [];

    [GlobalSetup]
    public void Setup()
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable)!;
        _chunks = [.. System.IO.File.ReadLines(Path.Combine(directory, File + Extension)).Select(line => JsonSerializer.Deserialize<string>(line)!)];
    }

    [Benchmark(Description = "events as NDJSON, append")]
    public long EventsAsNdjson()
    {
        using var wire = new CountingStream();
        using var writer = new NdjsonEventWriter(wire);
        using (var builder = new EventStreamBuilder())
        {
            // As the CLI does: the writer takes each chunk's events from the engine as views and formats them at once.
            foreach (var chunk in _chunks)
            {
                builder.Append(chunk, writer);
            }

            builder.Finish(writer);
        }

        return wire.Length;
    }
}
