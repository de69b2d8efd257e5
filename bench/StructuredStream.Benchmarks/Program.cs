using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using StructuredStream.Benchmarks;

// `--write-corpus DIR`: the corpus files for the whole-process CLI measurement (bench/cli-replay.sh) and the side-by-side
// comparison (bench/compare.sh): each report as text, and as the chunks a model would send (one JSON string a line).
if (args is ["--write-corpus", var directory, .. var sizes])
{
    Directory.CreateDirectory(directory);
    var all = new[] { ("2kb", 2 * 1024), ("20kb", 20 * 1024), ("200kb", 200 * 1024), ("1mb", 1024 * 1024) };
    foreach (var (name, size) in all.Where(s => sizes.Length == 0 || sizes.Contains(s.Item1)))
    {
        var text = ReportCorpus.Generate(size);
        File.WriteAllText(Path.Combine(directory, $"report-{name}.json"), text);
        File.WriteAllLines(Path.Combine(directory, $"report-{name}.chunks.ndjson"), ReportCorpus.Chunk(text).Select(range => JsonSerializer.Serialize(text[range])));
    }

    return 0;
}

// `--chunk-timings DIR OUT`: the engine on every chunk file of DIR, per chunk (bench/compare.sh).
if (args is ["--chunk-timings", var corpus, var output])
{
    ChunkTimings.Measure(corpus, output);
    return 0;
}

var config = DefaultConfig.Instance.AddColumn(CorpusColumn.NanosecondsPerByte, CorpusColumn.BytesPerChunk);
BenchmarkSwitcher.FromAssembly(typeof(EventStreamBenchmarks).Assembly).Run(args, config);
return 0;
