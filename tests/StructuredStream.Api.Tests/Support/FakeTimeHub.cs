using StructuredStream.Api.Admission;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StructuredStream.Api.Diagnostics;
using StructuredStream.Api.Models;
using StructuredStream.Api.Streams;
using StructuredStream.Logs;
using StructuredStream.Protocol;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// The stream hub with a scripted model, the log, the retry policy and every timer on one <see cref="FakeTimeProvider"/>:
/// time-outs, back-off and grace periods are tested by moving the clock, not by sleeping.
/// </summary>
internal sealed class FakeTimeHub : IAsyncDisposable
{
    /// <summary>What the scripts answer: a title, then tags.</summary>
    private const string Schema = """
        {"type":"object","properties":{"title":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},"required":["title"]}
        """;

    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SchemaCache _schemas = new();
    private readonly ModelClient _client;

    /// <param name="model">The time-outs, retries and breaker (its provider is ignored: the model is the script).</param>
    /// <param name="script">Builds the model's script on this hub's clock.</param>
    /// <param name="streams">The grace period.</param>
    /// <param name="clock">The clock the generations see, made from <see cref="Time"/> (default: <see cref="Time"/> itself).</param>
    /// <param name="log">The log the hub writes through, made from <see cref="Log"/> (default: <see cref="Log"/> itself).</param>
    public FakeTimeHub(
        ModelOptions model, Func<TimeProvider, ScriptedChatClient> script, StreamOptions? streams = null,
        Func<FakeTimeProvider, TimeProvider>? clock = null, Func<IStreamLog, IStreamLog>? log = null)
    {
        Log = new InMemoryStreamLog(new InMemoryStreamLogOptions(), Time);
        Model = script(Time);
        _client = new ModelClient(Model, "scripted", "scripted");
        Hub = new StreamHub(new GenerationServices(
            log?.Invoke(Log) ?? Log, _client, new ModelCallPolicy(model, Time), model, streams ?? new StreamOptions(), clock?.Invoke(Time) ?? Time, new StreamMetrics(Meters)),
            new GenerationAdmission(new AdmissionOptions()), new AdmissionOptions());
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public InMemoryStreamLog Log { get; }

    public ScriptedChatClient Model { get; }

    public StreamHub Hub { get; }

    /// <summary>Where the metrics go; collect them with a MetricCollector on this scope.</summary>
    public IMeterFactory Meters => _meters.GetRequiredService<IMeterFactory>();

    /// <summary>Starts a stream, its request changed by <paramref name="shape"/>; its model call begins at once.</summary>
    public Task<Generation> StartAsync(Func<GenerationRequest, GenerationRequest>? shape = null, CancellationToken requestAborted = default)
    {
        var request = new GenerationRequest(_schemas.GetOrLoad(Schema), [new ChatMessage(ChatRole.User, "The printer is on fire.")]);
        return Hub.StartAsync(shape?.Invoke(request) ?? request, "address:test", requestAborted);
    }

    public async Task<List<SequencedEvent>> EventsAsync(string id) => [.. await Log.ReadAsync(id, 0, int.MaxValue)];

    /// <summary>Waits, in real time, until the model is waiting on the clock: everything before is in the log.</summary>
    public Task ParkedAsync() => Model.Parked.WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>
    /// Moves the clock a little at a time until <paramref name="condition"/> holds, letting the thread pool run in
    /// between: for waits whose timer may start a moment after the test sees their cause (Polly's back-off).
    /// </summary>
    public async Task<List<SequencedEvent>> AdvanceUntilAsync(string id, TimeSpan step, Func<List<SequencedEvent>, bool> condition)
    {
        for (var i = 0; ; i++)
        {
            var events = await EventsAsync(id);
            if (condition(events))
            {
                return events;
            }

            Assert.True(i < 1000, "The log never got there:\n" + ReadEvents.Describe(events));
            Time.Advance(step);
            await Task.Delay(5);
        }
    }

    /// <summary>Waits, in real time, for the generation to settle after the clock moved, then returns its events.</summary>
    public async Task<List<SequencedEvent>> EndAsync(Generation generation)
    {
        await generation.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        return await EventsAsync(generation.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        _client.Dispose();
        await _meters.DisposeAsync();
    }
}
