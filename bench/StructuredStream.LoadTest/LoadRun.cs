using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StructuredStream.Api.Hosting;
using StructuredStream.Api.Models;
using StructuredStream.Api.Models.Simulated;
using StructuredStream.Api.Streams;
using StructuredStream.Logs;
using StructuredStream.Schemas;

namespace StructuredStream.LoadTest;

/// <summary>
/// Runs the service (its own wiring, simulated model at the given speed) on loopback, has a reader process start the
/// streams, and reports the added latency per event, the service's CPU and its memory per active stream.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var clock = new ChunkClock();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StructuredStream:Model:Simulated:TokensPerSecond"] = options.TokensPerSecond.ToString(CultureInfo.InvariantCulture),
            ["StructuredStream:Streams:MaxStreams"] = "100000",
            // Every reader comes from one loopback client: the per-client caps and request rate that protect a shared
            // service would turn this run into a test of them (all but 20 of 500 streams refused with 429).
            ["StructuredStream:Admission:ActivePerClient"] = "100000",
            ["StructuredStream:Admission:QueuePerClient"] = "100000",
            ["StructuredStream:Admission:ActiveModelCalls"] = "100000",
            ["StructuredStream:Access:RequestsPerMinute"] = "1000000",
        });
        builder.Services.AddStructuredStream(builder.Configuration);
        // The same parts, with a clock on each model chunk and on each patch appended.
        builder.Services.AddSingleton(provider => new ModelClient(
            new ClockedChatClient(new SimulatedChatClient(provider.GetRequiredService<ModelOptions>().Simulated, provider.GetRequiredService<SchemaCache>(), TimeProvider.System), clock),
            "simulated",
            "simulated"));
        builder.Services.AddSingleton<IStreamLog>(provider => new ClockedStreamLog(
            new InMemoryStreamLog(new InMemoryStreamLogOptions { MaxStreams = 100_000 }, TimeProvider.System), clock));
        await using var app = builder.Build();
        app.MapStructuredStream();
        await app.StartAsync();
        var target = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        var hub = app.Services.GetRequiredService<StreamHub>();

        Console.Error.WriteLine($"Warming up against {target} …");
        await RunReadersAsync(options with { Streams = 20, Ramp = TimeSpan.Zero }, target);

        var output = Path.Combine(Path.GetTempPath(), $"structuredstream-load-{Environment.ProcessId}.txt");
        var process = Process.GetCurrentProcess();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        Console.Error.WriteLine($"Running {options.Streams} streams at {options.TokensPerSecond} tokens/s …");
        var readers = RunReadersAsync(options, target, output);

        // Memory is measured once, when the first streams end: the others have then written nearly all their events,
        // so their logs are about as large as they get. A full collection then counts live objects only.
        var most = 0;
        var measuredWith = 0;
        var memoryAtPeak = 0L;
        while (!readers.IsCompleted)
        {
            await Task.WhenAny(readers, Task.Delay(100));
            var running = hub.Running;
            most = Math.Max(most, running);
            if (measuredWith == 0 && most >= options.Streams * 9 / 10 && running < most - (options.Streams / 50))
            {
                memoryAtPeak = GC.GetTotalMemory(forceFullCollection: true);
                measuredWith = Math.Min(running, hub.Running);
            }
        }

        await readers;
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = process.TotalProcessorTime - cpuBefore;
        var report = LoadReport.Read(output, clock);
        File.Delete(output);
        report.Print(options, wall, cpu, measuredWith, memoryAtPeak - baseline);
        await app.StopAsync();
        return report.Failures == 0 ? 0 : 1;
    }

    private static async Task RunReadersAsync(LoadOptions options, Uri target, string? output = null)
    {
        var file = output ?? Path.GetTempFileName();
        using var reader = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, options.ToClientArgs(target, file)) { UseShellExecute = false })
            ?? throw new InvalidOperationException("The reader process did not start.");
        await reader.WaitForExitAsync();
        if (reader.ExitCode != 0)
        {
            throw new InvalidOperationException($"The reader process failed with exit code {reader.ExitCode}.");
        }

        if (output is null)
        {
            File.Delete(file);
        }
    }
}
