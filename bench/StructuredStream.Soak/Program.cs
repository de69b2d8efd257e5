using System.Diagnostics;
using System.Globalization;
using StructuredStream.Soak;
using StructuredStream.Tests.Processes;

// A bounded soak: two service instances on one Redis, the simulated model, and readers that keep dropping their
// connection and resuming on a random instance. Reports events lost and duplicated (both must be 0) and resume latency.
var options = SoakOptions.Parse(args);
await using var redis = await RedisServer.StartAsync();
var settings = new Dictionary<string, string>
{
    ["StructuredStream:Log:Kind"] = "redis",
    ["StructuredStream:Log:Redis:Configuration"] = redis.Configuration,
    // Small enough that streams get folded in Redis, so resumes also land in the folded history.
    ["StructuredStream:Log:Redis:FoldAfter"] = "128",
    ["StructuredStream:Model:Simulated:TokensPerSecond"] = options.TokensPerSecond.ToString(CultureInfo.InvariantCulture),
    ["StructuredStream:Model:Simulated:FirstTokenMs"] = "50",
    ["StructuredStream:Streams:ReaderGrace"] = "00:00:30",
    ["StructuredStream:Admission:ActivePerClient"] = "1000",
    ["StructuredStream:Admission:QueuePerClient"] = "1000",
};
await using var a = await ApiProcess.StartAsync(new Dictionary<string, string>(settings) { ["StructuredStream:Log:Redis:InstanceId"] = "a" });
await using var b = await ApiProcess.StartAsync(new Dictionary<string, string>(settings) { ["StructuredStream:Log:Redis:InstanceId"] = "b" });
ApiProcess[] instances = [a, b];

using var limit = new CancellationTokenSource(options.TimeLimit);
var random = new Random(options.Seed);
var cyclesLeft = options.Cycles;
bool TakeCycle() => Interlocked.Decrement(ref cyclesLeft) >= 0;
var streams = new List<SoakStream>();
var started = Stopwatch.GetTimestamp();
Console.Error.WriteLine($"Soak: {options} against two instances …");

async Task WorkerAsync(int worker)
{
    var mine = new Random(options.Seed * 1000 + worker);
    while (Volatile.Read(ref cyclesLeft) > 0 && !limit.IsCancellationRequested)
    {
        var stream = new SoakStream(instances, mine);
        lock (streams)
        {
            streams.Add(stream);
        }

        await stream.RunAsync(TakeCycle, limit.Token);
    }
}

await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(WorkerAsync));
var wall = Stopwatch.GetElapsedTime(started);

var lost = 0;
var mismatched = 0;
foreach (var stream in streams)
{
    var (missing, matches) = await stream.CheckAsync(CancellationToken.None);
    lost += missing;
    mismatched += matches ? 0 : 1;
}

var latencies = streams.SelectMany(s => s.ResumeLatencies).Select(t => t.TotalMilliseconds).Order().ToArray();
double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine($"command: dotnet run -c Release --project bench/StructuredStream.Soak -- {options}");
Console.WriteLine($"streams: {streams.Count}, resumes: {latencies.Length} (across instances a and b, on one redis-server, Redis Streams folded every 128 events), wall {wall.TotalSeconds:0.0} s");
Console.WriteLine($"events lost: {lost} (events other than patches, missing from what readers got); streams whose patches did not rebuild final.object and its checksum: {mismatched}");
Console.WriteLine($"events duplicated: {streams.Sum(s => s.Duplicates)} (an event at or before a seq the reader already had)");
Console.WriteLine($"resume latency (request -> first event): p50 {Percentile(0.5):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {(latencies.Length > 0 ? latencies[^1] : double.NaN):0.0} ms");
return lost == 0 && mismatched == 0 && streams.Sum(s => s.Duplicates) == 0 ? 0 : 1;
