using System.Diagnostics;
using System.Globalization;

namespace StructuredStream.LoadTest;

/// <summary>What the readers saw, joined with when the model produced it.</summary>
internal sealed class LoadReport
{
    private readonly List<double> _latencyMs = [];
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private long _objectBytes;
    private int _streams;
    private int _unmatched;
    private double _readerCpuSeconds;

    /// <summary>Streams that did not complete (refused, failed, cut off).</summary>
    public int Failures { get; private set; }

    public static LoadReport Read(string path, ChunkClock clock)
    {
        var report = new LoadReport();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "S":
                    report._streams++;
                    report._outcomes[parts[2]] = report._outcomes.GetValueOrDefault(parts[2]) + 1;
                    report.Failures += parts[2] == "completed" ? 0 : 1;
                    report._objectBytes += long.Parse(parts[3], CultureInfo.InvariantCulture);
                    break;
                case "A" when clock.TryGetProducedAt(parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), out var producedAt):
                    report._latencyMs.Add(Stopwatch.GetElapsedTime(producedAt, long.Parse(parts[3], CultureInfo.InvariantCulture)).TotalMilliseconds);
                    break;
                case "A":
                    report._unmatched++;
                    break;
                case "C":
                    report._readerCpuSeconds = double.Parse(parts[1], CultureInfo.InvariantCulture);
                    break;
            }
        }

        return report;
    }

    public void Print(LoadOptions options, TimeSpan wall, TimeSpan cpu, int peakStreams, long memoryAtPeak)
    {
        _latencyMs.Sort();
        var cores = Environment.ProcessorCount;
        Console.WriteLine(FormattableString.Invariant($"streams: {_streams} at {options.TokensPerSecond} tokens/s, schema {options.SchemaId}, ramp {options.Ramp.TotalSeconds} s; outcomes: {string.Join(", ", _outcomes.Select(o => $"{o.Key} {o.Value}"))}"));
        Console.WriteLine(FormattableString.Invariant($"patch events timed: {_latencyMs.Count} (unmatched {_unmatched})"));
        Console.WriteLine(FormattableString.Invariant($"added latency, model chunk produced -> event read by the reader process: p50 {Percentile(0.50):0.00} ms, p90 {Percentile(0.90):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {(_latencyMs.Count > 0 ? _latencyMs[^1] : 0):0.00} ms"));
        Console.WriteLine(FormattableString.Invariant($"service CPU: {cpu.TotalSeconds:0.0} s over {wall.TotalSeconds:0.0} s = {100 * cpu.TotalSeconds / wall.TotalSeconds / cores:0.0} % of {cores} cores; reader process CPU {_readerCpuSeconds:0.0} s"));
        Console.WriteLine(FormattableString.Invariant($"service memory as the first streams end ({peakStreams} still running): {memoryAtPeak / 1024.0 / Math.Max(peakStreams, 1):0.0} KB per stream above the idle service; final object {(double)_objectBytes / Math.Max(_streams, 1) / 1024:0.0} KB of JSON on average"));
    }

    private double Percentile(double p) =>
        _latencyMs.Count == 0 ? 0 : _latencyMs[(int)Math.Min(_latencyMs.Count - 1, Math.Ceiling(p * _latencyMs.Count) - 1)];
}
