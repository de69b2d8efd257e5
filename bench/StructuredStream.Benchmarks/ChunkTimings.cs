using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Benchmarks;

/// <summary>
/// The engine on the chunk files the anchors read (bench/anchors): the time of each chunk's Append, the total, and
/// the NDJSON bytes a reader receives (formatted as the service formats them, included in the time), in <c>append</c>
/// and <c>strict</c> patch modes. In process, after 1.5 s of warm-up; the median of <see cref="Runs"/> runs by total time.
/// </summary>
public static class ChunkTimings
{
    private const int Runs = 11;

    /// <summary>
    /// Chunks per <c>Streams:CoalesceWithin</c> window the wire is measured with: none, and windows of about 100 ms and
    /// 500 ms for a model writing 50 chunks a second.
    /// </summary>
    private static readonly int[] ChunksPerWindow = [1, 5, 25];

    private static readonly bool[] GzipOffAndOn = [false, true];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Measures every <c>*.chunks.ndjson</c> in <paramref name="directory"/> and writes the results as JSON.</summary>
    public static void Measure(string directory, string output)
    {
        var results = new List<Dictionary<string, object>>();
        foreach (var file in Directory.GetFiles(directory, "*.chunks.ndjson").Order(StringComparer.Ordinal))
        {
            var chunks = File.ReadLines(file).Select(line => JsonSerializer.Deserialize<string>(line)!).ToArray();
            var documentBytes = chunks.Sum(c => System.Text.Encoding.UTF8.GetByteCount(c));
            foreach (var mode in new[] { PatchMode.Append, PatchMode.Strict })
            {
                // Warm up until the JIT has promoted the hot paths (tiered compilation), as in a long-running service.
                var warmUp = Stopwatch.StartNew();
                for (var i = 0; i < 3 || warmUp.ElapsedMilliseconds < 1500; i++)
                {
                    Run(chunks, mode);
                }

                var runs = Enumerable.Range(0, Runs).Select(_ => Run(chunks, mode)).OrderBy(r => r.TotalTicks).ToList();
                var median = runs[Runs / 2];
                var perChunk = median.ChunkTicks.Order().ToArray();
                results.Add(new Dictionary<string, object>
                {
                    ["file"] = Path.GetFileName(file),
                    ["mode"] = mode == PatchMode.Append ? "append" : "strict",
                    ["documentBytes"] = documentBytes,
                    ["chunks"] = chunks.Length,
                    ["totalMs"] = Milliseconds(median.TotalTicks),
                    ["p50Us"] = Milliseconds(perChunk[perChunk.Length / 2]) * 1000,
                    ["p99Us"] = Milliseconds(perChunk[(int)(perChunk.Length * 0.99)]) * 1000,
                    ["wireBytes"] = median.WireBytes,
                    ["caughtUpWireBytes"] = CaughtUpWireBytes(chunks, mode),
                    ["wire"] = ChunksPerWindow.SelectMany(w => GzipOffAndOn.Select(gzip => new Dictionary<string, object>
                    {
                        ["chunksPerWindow"] = w,
                        ["gzip"] = gzip,
                        ["bytes"] = LiveWireBytes(chunks, mode, w, gzip),
                    })).ToList(),
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(file)} {mode}: {Milliseconds(median.TotalTicks):0.0} ms, {median.WireBytes} NDJSON bytes"));
            }
        }

        File.WriteAllText(output, JsonSerializer.Serialize(results, Indented));
    }

    private static (long TotalTicks, long[] ChunkTicks, long WireBytes) Run(string[] chunks, PatchMode mode)
    {
        // Each run starts with a clean heap, so that one run does not pay for the garbage of the one before.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var ticks = new long[chunks.Length];
        using var wire = new CountingStream();
        using var writer = new NdjsonEventWriter(wire);
        var start = Stopwatch.GetTimestamp();
        using (var builder = new EventStreamBuilder(new EventStreamOptions { PatchMode = mode }))
        {
            for (var i = 0; i < chunks.Length; i++)
            {
                var before = Stopwatch.GetTimestamp();
                // What a reader is sent for this chunk, formatted as it is produced (as the CLI writes it; the same bytes
                // as the service's, which formats the event objects its log keeps).
                builder.Append(chunks[i], writer);
                writer.Flush();
                ticks[i] = Stopwatch.GetTimestamp() - before;
            }

            builder.Finish(writer);
        }

        return (Stopwatch.GetTimestamp() - start, ticks, wire.Length);
    }

    /// <summary>
    /// The NDJSON bytes a reader receives when it reads the stream after the fact (a resume, a slow link): runs of
    /// patches merged by <see cref="Logs.CatchUpMerger"/>, as the service sends them to a reader that is behind.
    /// </summary>
    private static long CaughtUpWireBytes(string[] chunks, PatchMode mode)
    {
        var events = new List<StreamEvent>();
        using (var builder = new EventStreamBuilder(new EventStreamOptions { PatchMode = mode }))
        {
            foreach (var chunk in chunks)
            {
                builder.Append(chunk, events);
            }

            builder.Finish(events);
        }

        var sequenced = events.Select((e, i) => new SequencedEvent(i + 1, e)).ToList();
        using var wire = new CountingStream();
        using var writer = new NdjsonEventWriter(wire);
        foreach (var merged in Logs.CatchUpMerger.Merge(sequenced))
        {
            writer.Write(merged);
        }

        return wire.Length;
    }

    /// <summary>
    /// The bytes a live reader receives when every <paramref name="chunksPerWindow"/> chunks' events are sent merged
    /// (<see cref="EventCoalescer"/>, as <c>Streams:CoalesceWithin</c> does), gzip-compressed with a flush after every
    /// event when <paramref name="gzip"/> (as the service does for a client that accepts gzip).
    /// </summary>
    private static long LiveWireBytes(string[] chunks, PatchMode mode, int chunksPerWindow, bool gzip)
    {
        using var counted = new CountingStream();
        using (var compressed = gzip ? new System.IO.Compression.GZipStream(counted, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true) : null)
        using (var writer = new NdjsonEventWriter(compressed ?? (Stream)counted))
        using (var builder = new EventStreamBuilder(new EventStreamOptions { PatchMode = mode }))
        {
            var events = new List<StreamEvent>();
            var coalescer = new EventCoalescer();
            var seq = 0L;
            for (var i = 0; i < chunks.Length; i++)
            {
                builder.Append(chunks[i], events);
                if (chunksPerWindow > 1 && coalescer.TryTake(events) && (i + 1) % chunksPerWindow != 0)
                {
                    continue;
                }

                coalescer.MoveTo(events);
                foreach (var e in events)
                {
                    writer.Write(new SequencedEvent(++seq, e));
                }

                events.Clear();
            }

            builder.Finish(events);
            coalescer.MoveTo(events);
            foreach (var e in events)
            {
                writer.Write(new SequencedEvent(++seq, e));
            }
        }

        return counted.Length;
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
