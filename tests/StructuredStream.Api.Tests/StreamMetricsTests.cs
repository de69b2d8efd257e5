using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StructuredStream.Api.Diagnostics;
using StructuredStream.Api.Models;
using StructuredStream.Api.Streams;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>What the <c>StructuredStream</c> meter reports, measured on a fake clock so the figures are exact.</summary>
public sealed class StreamMetricsTests
{
    private static readonly ModelOptions Model = new() { Retry = new ModelRetry { MaxRetries = 0 } };

    [Fact]
    public async Task A_completed_stream_records_its_first_token_first_valid_patch_speed_and_outcome()
    {
        ScriptStep[] script =
        [
            new ScriptStep.Pause(TimeSpan.FromSeconds(1.5)), new ScriptStep.Text("""{"ti"""),
            new ScriptStep.Pause(TimeSpan.FromSeconds(0.5)), new ScriptStep.Text("""tle":"Fire"}"""),
        ];
        await using var hub = new FakeTimeHub(Model, time => new ScriptedChatClient(time, script));
        using var firstToken = Collect<double>(hub, "structuredstream.time_to_first_token");
        using var firstPatch = Collect<double>(hub, "structuredstream.time_to_first_valid_patch");
        using var speed = Collect<double>(hub, "structuredstream.tokens_per_second");
        using var outcomes = Collect<long>(hub, "structuredstream.streams");
        using var active = Collect<long>(hub, "structuredstream.active_generations");

        var generation = await hub.StartAsync();
        await hub.ParkedAsync();
        Assert.Equal(1, active.LastMeasurement!.Value);
        hub.Time.Advance(TimeSpan.FromSeconds(1.5));
        await hub.ParkedAsync();
        hub.Time.Advance(TimeSpan.FromSeconds(0.5));
        await hub.EndAsync(generation);

        Assert.Equal(1.5, Assert.Single(firstToken.GetMeasurementSnapshot()).Value);
        // The first piece is only `{"ti`: the first patch that can be shown (the empty object) comes with it.
        Assert.Equal(1.5, Assert.Single(firstPatch.GetMeasurementSnapshot()).Value);
        Assert.Equal(1.0, Assert.Single(speed.GetMeasurementSnapshot()).Value);
        var outcome = Assert.Single(outcomes.GetMeasurementSnapshot());
        Assert.Equal("completed", outcome.Tags["outcome"]);
        Assert.Equal(0, active.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task A_cancelled_stream_records_why()
    {
        await using var hub = new FakeTimeHub(Model, time => new ScriptedChatClient(time, new ScriptStep.Text("{"), new ScriptStep.Hang()));
        using var cancellations = Collect<long>(hub, "structuredstream.cancellations");
        using var outcomes = Collect<long>(hub, "structuredstream.streams");

        var generation = await hub.StartAsync();
        await hub.ParkedAsync();
        generation.Cancel(CancelReason.Requested);
        await hub.EndAsync(generation);

        Assert.Equal("requested", Assert.Single(cancellations.GetMeasurementSnapshot()).Tags["reason"]);
        Assert.Equal("cancelled", Assert.Single(outcomes.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task A_stream_the_schema_stopped_records_invalid_not_unknown()
    {
        await using var hub = new FakeTimeHub(Model, time => new ScriptedChatClient(time, new ScriptStep.Text("""{"title":5,""")));
        using var outcomes = Collect<long>(hub, "structuredstream.streams");

        var generation = await hub.StartAsync();
        var events = await hub.EndAsync(generation);

        Assert.Equal(StreamOutcome.Invalid, ReadEvents.Final(events).Outcome);
        Assert.Equal("invalid", Assert.Single(outcomes.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    private static MetricCollector<T> Collect<T>(FakeTimeHub hub, string instrument)
        where T : struct =>
        new(hub.Meters, StreamMetrics.MeterName, instrument, hub.Time);
}
