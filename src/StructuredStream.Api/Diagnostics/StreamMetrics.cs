using System.Diagnostics.Metrics;
using StructuredStream.Api.Streams;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Diagnostics;

/// <summary>
/// The service's metrics on the <c>StructuredStream</c> meter, ready for OpenTelemetry (<c>AddMeter("StructuredStream")</c>)
/// or <c>dotnet-counters</c>: time to first token, time to first valid patch, tokens per second, outcomes, cancellations.
/// </summary>
public sealed class StreamMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "StructuredStream";

    private readonly Histogram<double> _firstToken;
    private readonly Histogram<double> _firstPatch;
    private readonly Histogram<double> _tokensPerSecond;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _cancellations;
    private readonly UpDownCounter<long> _active;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public StreamMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _firstToken = meter.CreateHistogram<double>("structuredstream.time_to_first_token", "s", "From the model call to its first token.");
        _firstPatch = meter.CreateHistogram<double>("structuredstream.time_to_first_valid_patch", "s", "From the model call to the first patch that passed validation.");
        _tokensPerSecond = meter.CreateHistogram<double>("structuredstream.tokens_per_second", "{token}/s", "Model tokens per second over a whole stream.");
        _outcomes = meter.CreateCounter<long>("structuredstream.streams", "{stream}", "Streams that ended, by outcome.");
        _cancellations = meter.CreateCounter<long>("structuredstream.cancellations", "{stream}", "Cancelled streams, by reason.");
        _active = meter.CreateUpDownCounter<long>("structuredstream.active_generations", "{stream}", "Model calls running now.");
    }

    internal void Started() => _active.Add(1);

    internal void FirstToken(TimeSpan elapsed) => _firstToken.Record(elapsed.TotalSeconds);

    internal void FirstValidPatch(TimeSpan elapsed) => _firstPatch.Record(elapsed.TotalSeconds);

    internal void Cancelled(CancelReason reason) =>
        _cancellations.Add(1, new KeyValuePair<string, object?>("reason", reason switch
        {
            CancelReason.Requested => "requested",
            CancelReason.NoReaders => "no_readers",
            _ => "shutdown",
        }));

    internal void Ended(StreamOutcome? outcome, long tokens, TimeSpan elapsed)
    {
        _active.Add(-1);
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome is { } o ? FinalEvent.WireName(o) : "unknown"));
        if (tokens > 0 && elapsed > TimeSpan.Zero)
        {
            _tokensPerSecond.Record(tokens / elapsed.TotalSeconds);
        }
    }
}
