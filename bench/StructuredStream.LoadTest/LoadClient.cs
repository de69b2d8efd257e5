using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace StructuredStream.LoadTest;

/// <summary>
/// The readers, in their own process so that their CPU and memory are not counted as the service's: each starts a
/// stream and notes when each patch event arrived (the monotonic clock is the machine's, shared with the service).
/// </summary>
internal static class LoadClient
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = options.Target,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var results = new StreamResult[options.Streams];
        var started = Stopwatch.GetTimestamp();
        var runs = Enumerable.Range(0, options.Streams).Select(async i =>
        {
            await Task.Delay(options.Ramp * i / options.Streams);
            results[i] = await ReadOneAsync(http, options.SchemaId, i);
        });
        await Task.WhenAll(runs);

        using var output = new StreamWriter(options.Output!, false, Encoding.UTF8);
        foreach (var result in results)
        {
            await output.WriteLineAsync(FormattableString.Invariant($"S {result.StreamId} {result.Outcome} {result.ObjectBytes}"));
            foreach (var (seq, at) in result.Arrivals)
            {
                await output.WriteLineAsync(FormattableString.Invariant($"A {result.StreamId} {seq} {at}"));
            }
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await output.WriteLineAsync(FormattableString.Invariant($"C {cpu.TotalSeconds} {Stopwatch.GetElapsedTime(started).TotalSeconds}"));
        return 0;
    }

    private static async Task<StreamResult> ReadOneAsync(HttpClient http, string schemaId, int index)
    {
        var body = JsonSerializer.Serialize(new { schemaId, prompt = $"load test stream {index}", model = new { seed = index } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/streams") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                return new StreamResult($"refused-{index}", $"http_{(int)response.StatusCode}", 0, []);
            }

            var id = response.Headers.GetValues("X-Stream-Id").Single();
            var arrivals = new List<(long, long)>();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync() is { } line)
            {
                var at = Stopwatch.GetTimestamp();
                // Lines start {"seq":N,"type":"…": enough to tell patches apart without parsing every event.
                if (line.Contains("\"type\":\"patch\"", StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(7, line.IndexOf(',', StringComparison.Ordinal) - 7);
                    arrivals.Add((long.Parse(digits, CultureInfo.InvariantCulture), at));
                }
                else if (line.Contains("\"type\":\"final\"", StringComparison.Ordinal))
                {
                    using var final = JsonDocument.Parse(line);
                    var outcome = final.RootElement.GetProperty("outcome").GetString()!;
                    return new StreamResult(id, outcome, Encoding.UTF8.GetByteCount(final.RootElement.GetProperty("object").GetRawText()), arrivals);
                }
            }

            return new StreamResult(id, "no_final", 0, arrivals);
        }
        catch (HttpRequestException e)
        {
            return new StreamResult($"failed-{index}", "http_error:" + e.HttpRequestError, 0, []);
        }
    }

    private sealed record StreamResult(string StreamId, string Outcome, int ObjectBytes, List<(long Seq, long At)> Arrivals);
}
