using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using StructuredStream.Benchmarks;

// `--write-corpus DIR` writes the corpus files for the whole-process CLI measurement (bench/cli-replay.sh).
if (args is ["--write-corpus", var directory])
{
    Directory.CreateDirectory(directory);
    foreach (var (name, size) in new[] { ("report-20kb.json", 20 * 1024), ("report-200kb.json", 200 * 1024), ("report-1mb.json", 1024 * 1024) })
    {
        File.WriteAllText(Path.Combine(directory, name), ReportCorpus.Generate(size));
    }

    return 0;
}

var config = DefaultConfig.Instance.AddColumn(CorpusColumn.NanosecondsPerByte, CorpusColumn.BytesPerChunk);
BenchmarkSwitcher.FromAssembly(typeof(EventStreamBenchmarks).Assembly).Run(args, config);
return 0;
