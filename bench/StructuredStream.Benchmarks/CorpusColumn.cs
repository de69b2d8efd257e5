using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StructuredStream.Benchmarks;

/// <summary>A figure of a benchmark case divided by a property of its corpus, so that sizes can be compared.</summary>
public sealed class CorpusColumn(string name, string legend, Func<BenchmarkReport, BenchmarkCase, int, double?> value, string format) : IColumn
{
    /// <summary>Chunks per corpus size: the summary asks for every cell, and generating a 1 MB corpus each time is waste.</summary>
    private static readonly ConcurrentDictionary<int, int> ChunkCounts = new();

    /// <summary>Median time per input byte: the same across sizes means linear.</summary>
    public static CorpusColumn NanosecondsPerByte { get; } = new(
        "ns/byte (median)", "Median time divided by the nominal corpus size in bytes",
        static (report, _, size) => report.ResultStatistics?.Median / size, "0.000");

    /// <summary>Bytes allocated per 1-8 char chunk, from the memory diagnoser.</summary>
    public static CorpusColumn BytesPerChunk { get; } = new(
        "B/chunk", "Allocated bytes per operation divided by the number of 1-8 char chunks of the corpus",
        static (report, benchmarkCase, size) => report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is { } bytes
            ? (double)bytes / ChunkCounts.GetOrAdd(size, static s => ReportCorpus.Chunk(ReportCorpus.Generate(s)).Length)
            : null,
        "0.0");

    public string Id => $"{nameof(CorpusColumn)}.{ColumnName}";

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase] is { } report && benchmarkCase.Parameters["Size"] is int size && value(report, benchmarkCase, size) is { } figure
            ? figure.ToString(format, CultureInfo.InvariantCulture)
            : "-";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
