using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>A provider that keeps failing is left alone for a while, and readers are told so at once.</summary>
public sealed class CircuitBreakerTests(OpenAiWithBreakerHost host) : IClassFixture<OpenAiWithBreakerHost>
{
    [Fact]
    public async Task After_repeated_failures_streams_end_model_unavailable_without_calling_the_provider()
    {
        var script = host.Upstream.Script(call => call.FailAsync(503, "The engine is currently overloaded."));
        using var client = host.Service.Client();

        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(
                ReadEvents.Post(new { schemaId = "support-ticket", prompt = script.Key }), HttpCompletionOption.ResponseHeadersRead);
            var events = await ReadEvents.NdjsonAsync(response);
            codes.Add(Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>()).Code);
            Assert.Equal(StreamOutcome.Failed, ReadEvents.Final(events).Outcome);
        }

        Assert.Equal(["model_error", "model_error", "model_unavailable"], codes);
        Assert.Equal(2, script.Calls.Count);
    }
}
