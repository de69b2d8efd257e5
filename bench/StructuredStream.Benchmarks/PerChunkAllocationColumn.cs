using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StructuredStream.Benchmarks;

/// <summary>Bytes allocated per 1-8 char chunk (the corpus averages 4.5 chars a chunk), from the memory diagnoser.</summary>
public sealed class PerChunkAllocationColumn : IColumn
{
    public string Id => nameof(PerChunkAllocationColumn);

    public string ColumnName => "B/chunk";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Allocated bytes per operation divided by the number of chunks of the corpus";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase) is not { } bytes || benchmarkCase.Parameters["Size"] is not int size)
        {
            return "-";
        }

        var chunks = ReportCorpus.Chunk(ReportCorpus.Generate(size)).Length;
        return ((double)bytes / chunks).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
