using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Api.Tests;

/// <summary>
/// A catastrophic pattern that only the final validation meets (inside <c>not</c>, which is checked at the end, on a
/// member name through <c>patternProperties</c>, which JsonSchema.Net compiles without a time-out): the service's
/// default match time-out, set before any regex is built, ends the stream with a clear error instead of a busy thread.
/// A process of its own, since the default is read once per process.
/// </summary>
public sealed class PatternTimeoutProcessTests : IAsyncLifetime
{
    private FakeModelServer _upstream = null!;
    private ApiProcess _service = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeModelServer.StartAsync();
        _service = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["StructuredStream:Model:Provider"] = "openai",
            ["StructuredStream:Model:Name"] = "fake-model",
            ["StructuredStream:Model:ApiKey"] = "test-key",
            ["StructuredStream:Model:BaseUrl"] = _upstream.OpenAiBaseUrl.ToString(),
            ["StructuredStream:Model:Retry:MaxRetries"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task A_catastrophic_member_name_pattern_met_only_at_the_end_times_out_with_a_clear_error()
    {
        var schema = JsonNode.Parse("""{"type":"object","not":{"patternProperties":{"^(a+)+$":{"type":"number"}}}}""");
        var script = _upstream.Script(call => call.StreamAsync(["{\"" + new string('a', 40) + "!\":\"x\"}"]));
        using var client = _service.Client();

        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema, prompt = script.Key })).WaitAsync(TimeSpan.FromSeconds(30));

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("pattern_timeout", error.Code);
        Assert.Equal(StreamOutcome.Failed, ReadEvents.Final(events).Outcome);
        var healthy = _upstream.Script(call => call.StreamAsync(["{\"ok\":true}"]));
        var (_, next) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schema = JsonNode.Parse("""{"type":"object"}"""), prompt = healthy.Key }));
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(next).Outcome);
    }
}
