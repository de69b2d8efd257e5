using System.Diagnostics;
using System.Text.Json.Nodes;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests.Support;

/// <summary>What every real provider must do, run against whichever one a fixture configures.</summary>
internal static class ProviderScenarios
{
    /// <summary>
    /// Starts a stream whose provider writes <paramref name="first"/> and then <paramref name="next"/> forever,
    /// deletes it once the provider is writing, and returns the events and how long after the DELETE the upstream
    /// connection closed (failing if that takes a second or more).
    /// </summary>
    public static async Task<(List<SequencedEvent> Events, TimeSpan ClosedAfter)> DeleteWhileWritingAsync(
        FakeProviderServiceHost host, JsonObject schema, string first, string next)
    {
        var script = host.Upstream.Script(call => call.StreamForeverAsync(first, next, TimeSpan.FromMilliseconds(20)));
        using var client = host.Service.Client();
        using var response = await client.SendAsync(ReadEvents.Post(new { schema, prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
        var id = response.Headers.GetValues("X-Stream-Id").Single();
        var reading = ReadEvents.NdjsonAsync(response);
        var call = await script.FirstCall.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);

        var deletedAt = Stopwatch.GetTimestamp();
        using var deleted = await client.DeleteAsync($"/v1/streams/{id}");
        var closedAt = await call.Closed.WaitAsync(TimeSpan.FromSeconds(1));
        return (await reading, Stopwatch.GetElapsedTime(deletedAt, closedAt));
    }
}
