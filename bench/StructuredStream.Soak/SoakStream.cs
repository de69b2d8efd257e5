using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Soak;

/// <summary>
/// One stream read the way a flaky client reads it: started on one instance, dropped after a few events, resumed on
/// a random instance after the last seq it has (Last-Event-ID), again and again until <c>final</c>. It keeps every
/// event it got, to be checked against the log afterwards.
/// </summary>
internal sealed class SoakStream(IReadOnlyList<ApiProcess> instances, Random random)
{
    public string Id { get; private set; } = "";

    public List<SequencedEvent> Received { get; } = [];

    /// <summary>Time from each resume request to its first event.</summary>
    public List<TimeSpan> ResumeLatencies { get; } = [];

    public int Duplicates { get; private set; }

    public async Task RunAsync(Func<bool> mayResume, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { schemaId = "research-answer", prompt = "soak", model = new { seed = random.Next(1000) } });
        using (var start = new HttpRequestMessage(HttpMethod.Post, "/v1/streams") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        {
            if (await ReadSomeAsync(Pick(), start, resume: false, cancellationToken))
            {
                return;
            }
        }

        while (mayResume())
        {
            await Task.Delay(random.Next(0, 30), cancellationToken);
            using var resume = new HttpRequestMessage(HttpMethod.Get, $"/v1/streams/{Id}/events");
            resume.Headers.Add("Last-Event-ID", Received[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (await ReadSomeAsync(Pick(), resume, resume: true, cancellationToken))
            {
                return;
            }
        }

        // Out of cycles: read the rest without dropping, so every stream is checked whole.
        using var rest = new HttpRequestMessage(HttpMethod.Get, $"/v1/streams/{Id}/events?after={Received[^1].Seq}");
        await ReadSomeAsync(Pick(), rest, resume: false, cancellationToken, drop: false);
    }

    /// <summary>Checks what was received against the whole log read afresh: the events it missed or got twice.</summary>
    public async Task<(int Lost, bool ObjectMatches)> CheckAsync(CancellationToken cancellationToken)
    {
        using var client = Client(instances[0]);
        using var response = await client.GetAsync($"/v1/streams/{Id}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var log = await ReadAllAsync(response, cancellationToken);

        // The log keeps every event that is not a patch; runs of patches may come merged, so those are checked by
        // the object they build instead.
        var got = Received.Where(e => e.Event is not PatchEvent).Select(e => e.Seq).ToHashSet();
        var lost = log.Count(e => e.Event is not PatchEvent && !got.Contains(e.Seq));
        DocumentNode replayed = LiteralNode.Null;
        foreach (var e in Received)
        {
            if (e.Event is PatchEvent patch)
            {
                replayed = PatchApplier.Apply(replayed, patch.Ops);
            }
        }

        var final = Received.Select(e => e.Event).OfType<FinalEvent>().SingleOrDefault();
        return (lost, final is not null && DocumentNode.DeepEquals(final.Object, replayed) && CanonicalJson.Checksum(replayed) == final.Checksum);
    }

    private ApiProcess Pick() => instances[random.Next(instances.Count)];

    /// <summary>Reads up to a random number of events, then drops the connection; true once final has come.</summary>
    private async Task<bool> ReadSomeAsync(ApiProcess instance, HttpRequestMessage request, bool resume, CancellationToken cancellationToken, bool drop = true)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        using var client = Client(instance);
        var sent = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Id = response.Headers.TryGetValues("X-Stream-Id", out var ids) ? ids.Single() : Id;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var budget = drop ? random.Next(1, 12) : int.MaxValue;
        var first = true;
        while (budget > 0 && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var item = StreamEventSerializer.Read(json.RootElement);
            if (item.Event is HeartbeatEvent)
            {
                continue;
            }

            if (first && resume)
            {
                ResumeLatencies.Add(Stopwatch.GetElapsedTime(sent));
            }

            first = false;
            if (Received.Count > 0 && item.Seq <= Received[^1].Seq)
            {
                Duplicates++;
                continue;
            }

            Received.Add(item);
            budget--;
            if (item.Event is FinalEvent)
            {
                return true;
            }
        }

        return false; // dropped: disposing the response closes the connection mid-stream
    }

    private static async Task<List<SequencedEvent>> ReadAllAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var events = new List<SequencedEvent>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            using var json = JsonDocument.Parse(line);
            events.Add(StreamEventSerializer.Read(json.RootElement));
        }

        return events;
    }

    private static HttpClient Client(ApiProcess instance) =>
        new(new SocketsHttpHandler { MaxResponseDrainSize = 0, PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
}
