using StructuredStream.Api.Models;
using StructuredStream.Api.Streams;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>Time-outs, back-off and the grace period, on a fake clock: each fires when its time comes and not a tick before.</summary>
public sealed class TimeLimitTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static readonly ModelOptions Limits = new()
    {
        Timeouts = new ModelTimeouts
        {
            FirstToken = TimeSpan.FromSeconds(30),
            StalledAfter = TimeSpan.FromSeconds(5),
            Idle = TimeSpan.FromSeconds(20),
            Total = TimeSpan.FromMinutes(5),
        },
        Retry = new ModelRetry { MaxRetries = 0 },
    };

    /// <summary>A title that is not a string: the schema stops the stream at once.</summary>
    private static readonly ScriptStep[] BrokenTitle = [new ScriptStep.Text("""{"title":5,""")];

    private static readonly ScriptStep[] TitleThenHang =
        [new ScriptStep.Text("""{"title":"Printer"""), new ScriptStep.Text(""" on fire","tags":["urg"""), new ScriptStep.Hang()];

    [Fact]
    public async Task A_model_that_stops_writing_is_stalled_after_StalledAfter_then_timed_out_after_Idle_keeping_its_text()
    {
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, TitleThenHang));
        var generation = await hub.StartAsync();
        await hub.ParkedAsync();

        hub.Time.Advance(TimeSpan.FromSeconds(5) - Tick);
        Assert.DoesNotContain(await hub.EventsAsync(generation.Id), e => e.Event is StatusEvent { Phase: StreamPhases.Stalled });
        hub.Time.Advance(Tick);
        Assert.Contains(await hub.EventsAsync(generation.Id), e => e.Event is StatusEvent { Phase: StreamPhases.Stalled, Detail: "No token for 5 s." });

        hub.Time.Advance(TimeSpan.FromSeconds(15) - Tick);
        Assert.False(generation.Completion.IsCompleted);
        hub.Time.Advance(Tick);
        var events = await hub.EndAsync(generation);

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("timed_out", error.Code);
        Assert.Contains("the idle time between tokens (20 s)", error.Message, StringComparison.Ordinal);
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.TimedOut, final.Outcome);
        Assert.Equal("""{"title":"Printer on fire","tags":["urg"]}""", final.Object.ToJsonString());
    }

    [Fact]
    public async Task A_model_that_never_starts_times_out_after_FirstToken()
    {
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, new ScriptStep.Hang()));
        var generation = await hub.StartAsync();
        await hub.ParkedAsync();

        hub.Time.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.False(generation.Completion.IsCompleted);
        hub.Time.Advance(Tick);
        var events = await hub.EndAsync(generation);

        Assert.Contains("the time to first token (30 s)", Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>()).Message, StringComparison.Ordinal);
        Assert.Equal(StreamOutcome.TimedOut, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_model_that_writes_slowly_but_steadily_is_stopped_by_the_total_limit()
    {
        var limits = Limits with { Timeouts = Limits.Timeouts with { Total = TimeSpan.FromSeconds(10) } };
        ScriptStep[] slow = [new ScriptStep.Text("{\"title\":\""), .. Enumerable.Repeat<ScriptStep[]>([new ScriptStep.Pause(TimeSpan.FromSeconds(4)), new ScriptStep.Text("ab")], 10).SelectMany(s => s)];
        await using var hub = new FakeTimeHub(limits, time => new ScriptedChatClient(time, slow));
        var generation = await hub.StartAsync();

        for (var second = 0; second < 10; second++)
        {
            await hub.ParkedAsync();
            Assert.False(generation.Completion.IsCompleted);
            hub.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var events = await hub.EndAsync(generation);
        Assert.Contains("the total time limit (10 s)", Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>()).Message, StringComparison.Ordinal);
        Assert.Equal(StreamOutcome.TimedOut, ReadEvents.Final(events).Outcome);
        Assert.Equal("""{"title":"abab"}""", ReadEvents.Final(events).Object.ToJsonString());
    }

    [Fact]
    public async Task A_failure_before_the_first_token_is_retried_only_when_the_back_off_has_passed()
    {
        var limits = Limits with { Retry = new ModelRetry { MaxRetries = 2, BaseDelay = TimeSpan.FromSeconds(2) } };
        await using var hub = new FakeTimeHub(limits, time => new ScriptedChatClient(time, [new ScriptStep.Text("""{"title":"ok"}""")]) { FailFirstCalls = 2 });
        var generation = await hub.StartAsync();

        var first = await hub.AdvanceUntilAsync(generation.Id, TimeSpan.Zero, e => Retries(e) == 1);
        await Task.Delay(50);
        Assert.Equal(1, hub.Model.Calls); // the clock has not moved: no second call yet
        Assert.StartsWith("Attempt 2 in ", first.Select(e => e.Event).OfType<StatusEvent>().Single(s => s.Phase == StreamPhases.Retrying).Detail, StringComparison.Ordinal);

        var events = await hub.AdvanceUntilAsync(generation.Id, TimeSpan.FromMilliseconds(100), e => e[^1].Event is FinalEvent);

        Assert.Equal(3, hub.Model.Calls);
        Assert.Equal(2, Retries(events));
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_failure_after_the_first_token_is_not_retried_and_keeps_what_was_written()
    {
        var limits = Limits with { Retry = new ModelRetry { MaxRetries = 2 } };
        var fault = new HttpRequestException("The connection was reset.");
        await using var hub = new FakeTimeHub(limits, time => new ScriptedChatClient(time, [new ScriptStep.Text("""{"title":"Half"""), new ScriptStep.Fail(fault)]));
        var generation = await hub.StartAsync();

        var events = await hub.EndAsync(generation);

        Assert.Equal(1, hub.Model.Calls);
        Assert.Equal(0, Retries(events));
        Assert.Equal("model_error", Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>()).Code);
        Assert.Equal("""{"title":"Half"}""", ReadEvents.Final(events).Object.ToJsonString());
    }

    [Fact]
    public async Task With_no_reader_the_generation_is_cancelled_when_the_grace_period_ends_not_before()
    {
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, TitleThenHang), new StreamOptions { ReaderGrace = TimeSpan.FromSeconds(3) });
        var generation = await hub.StartAsync();
        await hub.ParkedAsync();

        generation.ReaderDetached();
        hub.Time.Advance(TimeSpan.FromSeconds(3) - Tick);
        Assert.Equal(CancelReason.None, generation.CancelReason);
        hub.Time.Advance(Tick);
        var events = await hub.EndAsync(generation);

        Assert.Equal(CancelReason.NoReaders, generation.CancelReason);
        Assert.Equal(StreamOutcome.Cancelled, ReadEvents.Final(events).Outcome);
        Assert.Equal("""{"title":"Printer on fire","tags":["urg"]}""", ReadEvents.Final(events).Object.ToJsonString());
    }

    [Fact]
    public async Task A_reader_that_comes_back_within_the_grace_period_calls_it_off()
    {
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, TitleThenHang), new StreamOptions { ReaderGrace = TimeSpan.FromSeconds(3) });
        var generation = await hub.StartAsync();
        await hub.ParkedAsync();

        generation.ReaderDetached();
        hub.Time.Advance(TimeSpan.FromSeconds(2));
        generation.ReaderAttached();
        hub.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(CancelReason.None, generation.CancelReason);
        Assert.False(generation.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_call_asked_again_after_a_violation_has_the_time_to_first_token_again_not_the_idle_limit()
    {
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, BrokenTitle) { LaterCalls = [new ScriptStep.Hang()] });
        var generation = await hub.StartAsync(request => request with { RetryViolations = true });
        await hub.ParkedAsync();

        hub.Time.Advance(TimeSpan.FromSeconds(30) - Tick);
        Assert.False(generation.Completion.IsCompleted);
        hub.Time.Advance(Tick);
        var events = await hub.EndAsync(generation);

        var error = Assert.Single(events.Select(e => e.Event).OfType<ErrorEvent>());
        Assert.Equal("timed_out", error.Code);
        Assert.Contains("the time to first token (30 s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(StreamOutcome.TimedOut, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_call_that_fails_to_close_when_asked_again_after_a_violation_still_leaves_the_stream_its_final()
    {
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, [.. BrokenTitle, new ScriptStep.Hang()])
        {
            LaterCalls = [new ScriptStep.Text("\"title\":\"Printer on fire\"}")], // the rest of the valid "{"
            FailToClose = new IOException("The connection was reset while closing."),
        });
        var generation = await hub.StartAsync(request => request with { RetryViolations = true });
        var events = await hub.EndAsync(generation);

        Assert.Contains(events, e => e.Event is StatusEvent { Phase: StreamPhases.Retrying });
        var final = ReadEvents.Final(events);
        Assert.Equal(StreamOutcome.Completed, final.Outcome);
        Assert.Equal("""{"title":"Printer on fire"}""", final.Object.ToJsonString());
        Assert.True(StructuredStream.Documents.DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)), ReadEvents.Describe(events));
    }

    [Fact]
    public async Task A_stream_whose_creating_request_went_away_once_it_was_registered_runs_and_ends_after_the_grace_period()
    {
        // The request goes away between the stream's registration and its started event, as a client that gives up
        // mid-request can: a stream registered must be ended, or it is held (and, in Redis, renewed) for good.
        using var requestAborted = new CancellationTokenSource();
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, TitleThenHang), new StreamOptions { ReaderGrace = TimeSpan.FromSeconds(3) },
            log: inner => new LogThatCancelsAfterCreate(inner, requestAborted));
        var generation = await hub.StartAsync(requestAborted: requestAborted.Token);
        await hub.ParkedAsync();

        generation.ReaderDetached(); // the request that created it never reads
        hub.Time.Advance(TimeSpan.FromSeconds(3));
        var events = await hub.EndAsync(generation);

        Assert.IsType<StartedEvent>(events[0].Event);
        Assert.Equal(CancelReason.NoReaders, generation.CancelReason);
        Assert.Equal(StreamOutcome.Cancelled, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_grace_periods_late_timer_callback_does_not_end_the_grace_period_that_followed_it()
    {
        LateTimerClock? clock = null;
        await using var hub = new FakeTimeHub(Limits, time => new ScriptedChatClient(time, TitleThenHang), new StreamOptions { ReaderGrace = TimeSpan.FromSeconds(3) },
            fake => clock = new LateTimerClock(fake));
        var generation = await hub.StartAsync();
        await hub.ParkedAsync();

        generation.ReaderDetached();
        var firstPeriodEnds = clock!.LastCallback;
        generation.ReaderAttached();
        generation.ReaderDetached();
        firstPeriodEnds(); // fired as the reader came back, run only now
        Assert.Equal(CancelReason.None, generation.CancelReason);

        hub.Time.Advance(TimeSpan.FromSeconds(3));
        await hub.EndAsync(generation);
        Assert.Equal(CancelReason.NoReaders, generation.CancelReason);
    }

    private static int Retries(List<SequencedEvent> events) =>
        events.Count(e => e.Event is StatusEvent { Phase: StreamPhases.Retrying });

    /// <summary>A log whose appends honour their token (as Redis's do), and which cancels one once a stream is registered.</summary>
    private sealed class LogThatCancelsAfterCreate(IStreamLog inner, CancellationTokenSource cancelAfterCreate) : IStreamLog
    {
        public async ValueTask CreateAsync(StreamDescriptor stream, CancellationToken cancellationToken = default)
        {
            await inner.CreateAsync(stream, cancellationToken);
            await cancelAfterCreate.CancelAsync();
        }

        public ValueTask<long> AppendAsync(string streamId, IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return inner.AppendAsync(streamId, events, cancellationToken);
        }

        public ValueTask<IReadOnlyList<SequencedEvent>> ReadAsync(string streamId, long after, int max, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(streamId, after, max, cancellationToken);

        public ValueTask<StreamSnapshot?> GetAsync(string streamId, CancellationToken cancellationToken = default) => inner.GetAsync(streamId, cancellationToken);
    }
}
