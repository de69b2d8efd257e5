using Microsoft.Extensions.AI;
using Polly;
using StructuredStream.Api.Admission;
using StructuredStream.Api.Diagnostics;
using StructuredStream.Api.Models;
using StructuredStream.Api.Models.Simulated;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Api.Streams;

/// <summary>
/// One model call, owned by the stream rather than by any HTTP request: reads the model's updates, turns them into
/// events and appends them to the log. It ends on the model's end, a violation, a fault, a time-out, a cancel, or when
/// no reader has come back within the grace period.
/// </summary>
public sealed class Generation : IDisposable
{
    /// <summary>Why a stream ended when the service stopped: it can be continued (or read and resumed elsewhere).</summary>
    private static readonly ErrorEvent ShuttingDown = new("shutting_down",
        "The service is shutting down; what was written is kept. Continue the stream (POST /v1/streams/{id}/continue) to go on.", Retryable: true);

    private readonly CancellationTokenSource _cancel = new();
    private readonly SemaphoreSlim _appendLock = new(1, 1);
    private readonly Lock _readersLock = new();
    private readonly GenerationRequest _request;
    private readonly GenerationServices _services;
    private readonly Dictionary<string, (long Start, string Name)> _tools = [];
    private readonly QueueTicket _ticket;
    private readonly AdmissionOptions _admission;
    private QueuePosition? _reportedPosition;
    private int _readers;
    private ITimer? _graceTimer;
    private long _graceRound;
    private long _remoteReaderSeen = long.MinValue;
    private int _reason;
    private bool _ended;
    private RetryAfterViolation? _retry;

    internal Generation(string id, GenerationRequest request, GenerationServices services, QueueTicket ticket, AdmissionOptions admission)
    {
        Id = id;
        _request = request;
        _services = services;
        _ticket = ticket;
        _admission = admission;
    }

    /// <summary>The stream's id.</summary>
    public string Id { get; }

    /// <summary>Why it was cancelled, if it was.</summary>
    public CancelReason CancelReason => (CancelReason)Volatile.Read(ref _reason);

    /// <summary>Completes when <c>final</c> has been appended.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the model call in the background.</summary>
    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Cancels the model call; the stream ends <c>cancelled</c> with what it has.</summary>
    public void Cancel(CancelReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)CancelReason.None) == (int)CancelReason.None)
        {
            _services.Metrics.Cancelled(reason);
        }

        _cancel.Cancel();
    }

    /// <summary>A reader started reading: a pending grace period is called off.</summary>
    public void ReaderAttached()
    {
        lock (_readersLock)
        {
            _readers++;
            _graceTimer?.Dispose();
            _graceTimer = null;
        }
    }

    /// <summary>A reader went away: with none left, the grace period starts.</summary>
    public void ReaderDetached()
    {
        lock (_readersLock)
        {
            if (--_readers > 0 || Completion.IsCompleted)
            {
                return;
            }

            _graceTimer?.Dispose();
            // A disposed timer's callback may already be on its way: it must not end a grace period started after it.
            var round = ++_graceRound;
            _graceTimer = _services.Time.CreateTimer(_ => OnGraceEnded(round), null, _services.Streams.ReaderGrace, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// A reader on another instance is reading (it says so every third of the grace period): the grace period, if
    /// running, starts again from now.
    /// </summary>
    public void RemoteReaderSeen()
    {
        lock (_readersLock)
        {
            _remoteReaderSeen = _services.Time.GetTimestamp();
            if (_graceTimer is not null)
            {
                _graceTimer.Change(_services.Streams.ReaderGrace, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_readersLock)
        {
            _graceTimer?.Dispose();
        }

        // _cancel and _appendLock are left to the collector: a late DELETE or timer may still touch them, and neither
        // holds a timer or a wait handle.
    }

    private void OnGraceEnded(long round)
    {
        lock (_readersLock)
        {
            if (round != _graceRound || _graceTimer is null || _readers > 0 || (_remoteReaderSeen != long.MinValue && _services.Time.GetElapsedTime(_remoteReaderSeen) < _services.Streams.ReaderGrace))
            {
                return;
            }
        }

        Cancel(CancelReason.NoReaders);
    }

    private async Task RunAsync()
    {
        if (!await WaitForTurnAsync().ConfigureAwait(false))
        {
            return;
        }

        var timeouts = _services.Model.Timeouts;
        var startedAt = _services.Time.GetTimestamp();
        var batch = new List<StreamEvent>();
        var window = new CoalescingWindow(_services.Streams.CoalesceWithin, _services.Time);
        var builder = NewBuilder();
        var plainText = _request.PlainText ? new PlainTextAsJson() : null;
        var retriesLeft = _request.RetryViolations ? _services.Streams.ViolationRetries : 0;
        // With retries, the values marked complete so far: the text a retry goes on from leaves the others open.
        var completed = retriesLeft > 0 ? new HashSet<string>(StringComparer.Ordinal) : null;
        if (_request.Continuation is { Object: not LiteralNode { Kind: DocumentNodeKind.Null } } continuation)
        {
            // The parser goes on from the old stream's text; what that text produced, readers get as one patch.
            batch.Add(new PatchEvent([new PatchOperation(PatchOperationKind.Add, "", continuation.Object.DeepClone())]));
            if (continuation.CompletedPaths.Count > 0)
            {
                batch.Add(new CompleteEvent([.. continuation.CompletedPaths]));
            }

            Seed(builder, plainText is null ? continuation.Text : plainText.Next(continuation.Text), batch);
        }

        using var total = new CancellationTokenSource(timeouts.Total, _services.Time);
        using var idle = new CancellationTokenSource(timeouts.FirstToken, _services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, total.Token, idle.Token);
        using var stalled = _services.Time.CreateTimer(_ => _ = AppendStatusAsync(new StatusEvent(StreamPhases.Stalled) { Detail = $"No token for {timeouts.StalledAfter.TotalSeconds:0.#} s." }), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var tokens = 0L;
        var tokensOfCall = 0L;
        var sawPatch = false;
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        try
        {
            batch.Insert(0, new StatusEvent(StreamPhases.Generating));
            Track(completed, batch);
            await AppendAsync(batch).ConfigureAwait(false);
            if (builder.IsFinished)
            {
                // The text to go on from ended the stream by itself (the continue endpoint refuses such text first).
                return;
            }

            stalled.Change(timeouts.StalledAfter, Timeout.InfiniteTimeSpan);
            bool more;
            (updates, more) = await OpenAsync(linked.Token).ConfigureAwait(false);
            while (more)
            {
                idle.CancelAfter(timeouts.Idle);
                stalled.Change(timeouts.StalledAfter, Timeout.InfiniteTimeSpan);
                var update = updates.Current;
                ReportTools(update, batch);
                var text = update.Text;
                if (text.Length > 0)
                {
                    tokensOfCall++;
                    if (tokens++ == 0)
                    {
                        _services.Metrics.FirstToken(_services.Time.GetElapsedTime(startedAt));
                    }

                    builder.Append(plainText is null ? text : plainText.Next(text), batch);
                    if (!sawPatch && batch.Exists(e => e is PatchEvent))
                    {
                        sawPatch = true;
                        _services.Metrics.FirstValidPatch(_services.Time.GetElapsedTime(startedAt));
                    }
                }

                if (builder.IsFinished)
                {
                    window.Release(batch);
                }

                if (builder.IsFinished && retriesLeft > 0 && RetryFrom(batch, completed!, retriesLeft) is { } retry)
                {
                    // The answer broke the schema: readers get what was valid and a `retrying` status instead of the
                    // end, and the model is asked again, from that valid text, with what broke. The new builder comes
                    // first: whatever fails from here on ends the stream through it, with a final.
                    retriesLeft--;
                    builder.Dispose();
                    builder = NewBuilder();
                    _retry = retry;
                    if (!Seed(builder, retry.Text, batch))
                    {
                        return;
                    }

                    await AppendAsync(batch).ConfigureAwait(false);
                    await CloseAsync(updates).ConfigureAwait(false);
                    updates = null;
                    // A new call: it has the time to first token again, back-off included.
                    tokensOfCall = 0;
                    idle.CancelAfter(timeouts.FirstToken);
                    (updates, more) = await OpenAsync(linked.Token).ConfigureAwait(false);
                    if (!more)
                    {
                        break;
                    }

                    continue;
                }

                Track(completed, batch);
                if (!window.Hold(batch, builder.IsFinished))
                {
                    await AppendAsync(batch).ConfigureAwait(false);
                }

                if (builder.IsFinished)
                {
                    // A violation or unreadable text ended the stream: stop paying for tokens nobody will see.
                    return;
                }

                more = await window.NextAsync(updates, batch, held => AppendAsync(held)).ConfigureAwait(false);
            }

            // Some clients (OllamaSharp) end the enumeration quietly when cancelled: that is not the model's end.
            linked.Token.ThrowIfCancellationRequested();
            stalled.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (plainText is not null)
            {
                builder.Append(plainText.End(), batch);
            }

            if (!builder.IsFinished)
            {
                builder.Finish(batch);
            }
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested && !builder.IsFinished)
        {
            if (CancelReason == CancelReason.Shutdown)
            {
                batch.Add(ShuttingDown);
            }

            builder.Finish(batch, StreamOutcome.Cancelled);
        }
        catch (OperationCanceledException) when ((total.IsCancellationRequested || idle.IsCancellationRequested) && !builder.IsFinished)
        {
            var limit = total.IsCancellationRequested ? $"the total time limit ({timeouts.Total.TotalSeconds:0.#} s)"
                : tokensOfCall == 0 ? $"the time to first token ({timeouts.FirstToken.TotalSeconds:0.#} s)"
                : $"the idle time between tokens ({timeouts.Idle.TotalSeconds:0.#} s)";
            batch.Add(new ErrorEvent("timed_out", $"The model went past {limit}; what it wrote so far is kept.", Retryable: true));
            builder.Finish(batch, StreamOutcome.TimedOut);
        }
        catch (Exception e) when (!builder.IsFinished)
        {
            builder.Fail(ModelError(e), batch);
        }
        finally
        {
            stalled.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            await CloseAsync(updates).ConfigureAwait(false);

            // What was held for the window comes before the end, so replaying the patches still gives final.object.
            window.Release(batch);
            await AppendAsync(batch, last: true).ConfigureAwait(false);
            _services.Metrics.Ended(builder.Outcome, tokens, _services.Time.GetElapsedTime(startedAt));
            builder.Dispose();
        }
    }

    private EventStreamBuilder NewBuilder() => new(_request.BuilderOptions(_services.Streams));

    /// <summary>
    /// Reads text the stream already stands on (a continuation's, a retry's) into a new builder: readers hold that
    /// object already, so its events are dropped, unless the text ended the stream by itself: then its error and
    /// <c>final</c> go to <paramref name="batch"/>, and it returns false.
    /// </summary>
    private static bool Seed(EventStreamBuilder builder, string text, List<StreamEvent> batch)
    {
        var events = new List<StreamEvent>();
        builder.Append(text, events);
        if (!builder.IsFinished)
        {
            return true;
        }

        batch.AddRange(events.Where(e => e is ErrorEvent or FinalEvent));
        return false;
    }

    /// <summary>Ends the model call and closes its connection; a failure to close cannot keep the stream from its end.</summary>
    private static async Task CloseAsync(IAsyncEnumerator<ChatResponseUpdate>? updates)
    {
        if (updates is null)
        {
            return;
        }

        try
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The call is over either way: the provider's client keeps or drops its connection as it sees fit.
        }
    }

    /// <summary>Notes the paths a batch completes, when a retry may need them.</summary>
    private static void Track(HashSet<string>? completed, List<StreamEvent> batch)
    {
        if (completed is null)
        {
            return;
        }

        foreach (var e in batch)
        {
            if (e is CompleteEvent complete)
            {
                completed.UnionWith(complete.Paths);
            }
        }
    }

    /// <summary>
    /// When a schema violation ended <paramref name="batch"/>: takes out its <c>error</c> and <c>final</c>, puts a
    /// <c>status</c> <c>retrying</c> in their place, and returns where the model goes on from (the valid object as text,
    /// its unfinished values open) and what to tell it; otherwise null and the batch is left as it is.
    /// </summary>
    private RetryAfterViolation? RetryFrom(List<StreamEvent> batch, HashSet<string> completed, int retriesLeft)
    {
        if (batch.Count == 0 || batch[^1] is not FinalEvent { Outcome: StreamOutcome.Invalid } final
            || batch.OfType<ErrorEvent>().Where(e => e.Code == "schema_violation").ToList() is not { Count: > 0 } violations)
        {
            return null;
        }

        Track(completed, batch);
        var text = final.Object is LiteralNode { Kind: DocumentNodeKind.Null } ? "" : PartialJsonText.Of(final.Object, completed);
        if (text.Length >= _services.Streams.MaxAnswerCharacters)
        {
            return null; // no room left to go on from: the stream ends invalid, as without retries
        }

        batch.RemoveAll(e => e is FinalEvent || e is ErrorEvent { Code: "schema_violation" });
        var attempt = _services.Streams.ViolationRetries - retriesLeft + 1;
        batch.Add(new StatusEvent(StreamPhases.Retrying)
        {
            Detail = $"The answer broke the schema ({violations[0].Message}); asking the model again from the last valid value (retry {attempt} of {_services.Streams.ViolationRetries}).",
        });
        var guidance = "Your answer did not match the JSON schema: " + string.Join("; ", violations.Select(v => v.Message)) +
            ". Go on from the valid part of your answer and keep to the schema.";
        return new RetryAfterViolation(text, guidance);
    }

    /// <summary>
    /// Waits for the stream's turn to call the model, telling readers where it stands (<c>status</c> <c>queued</c>);
    /// false when it was cancelled meanwhile, with <c>final</c> appended (an empty object: nothing was generated).
    /// </summary>
    private async Task<bool> WaitForTurnAsync()
    {
        if (_ticket.Admitted.IsCompleted)
        {
            return true;
        }

        var startedAt = _services.Time.GetTimestamp();
        _ticket.Moved = moved => _ = AppendQueuedAsync();
        await AppendQueuedAsync().ConfigureAwait(false);
        try
        {
            await _ticket.Admitted.WaitAsync(_cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            _ticket.Dispose(); // its place in line goes to the next
            var batch = new List<StreamEvent>();
            if (CancelReason == CancelReason.Shutdown)
            {
                batch.Add(ShuttingDown);
            }

            using var builder = new EventStreamBuilder();
            builder.Finish(batch, StreamOutcome.Cancelled);
            await AppendAsync(batch, last: true).ConfigureAwait(false);
            _services.Metrics.Ended(StreamOutcome.Cancelled, 0, _services.Time.GetElapsedTime(startedAt));
            return false;
        }
        finally
        {
            _ticket.Moved = null;
        }
    }

    /// <summary>Appends where the stream stands in line, unless readers already have that (moves can race).</summary>
    private async Task AppendQueuedAsync()
    {
        await _appendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // Read under the append lock: the positions readers see follow the order of the moves.
            var position = _ticket.Position;
            if (_ended || _ticket.Admitted.IsCompleted || position == _reportedPosition)
            {
                return;
            }

            await _services.Log.AppendAsync(Id, [new StatusEvent(StreamPhases.Queued) { Position = position.Position, Detail = position.Describe(_admission) }]).ConfigureAwait(false);
            _reportedPosition = position;
        }
        catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
        {
            // As for any append: the log is away or the stream was taken over; the wait ends with the cancel below.
            _ended = true;
            await _cancel.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            _appendLock.Release();
        }
    }

    /// <summary>Opens the model stream and reads its first update, with retries and the circuit breaker.</summary>
    private async Task<(IAsyncEnumerator<ChatResponseUpdate> Updates, bool HasUpdate)> OpenAsync(CancellationToken cancellationToken)
    {
        var options = CreateOptions();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ModelCallPolicy.RetryObserver, retry =>
            _ = AppendStatusAsync(new StatusEvent(StreamPhases.Retrying)
            {
                Detail = retry.Delay < TimeSpan.FromSeconds(1)
                    ? $"Attempt {retry.Attempt} in {retry.Delay.TotalMilliseconds:0} ms, after: {retry.Fault?.Message}"
                    : $"Attempt {retry.Attempt} in {retry.Delay.TotalSeconds:0.#} s, after: {retry.Fault?.Message}",
            }));
        try
        {
            return await _services.Policy.Pipeline.ExecuteAsync(
                async ctx =>
                {
                    var updates = _services.Client.GetStreamingResponseAsync(Messages(), options, ctx.CancellationToken).GetAsyncEnumerator(ctx.CancellationToken);
                    try
                    {
                        return (updates, await updates.MoveNextAsync().ConfigureAwait(false));
                    }
                    catch
                    {
                        await updates.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                },
                context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private IReadOnlyList<ChatMessage> Messages() => _retry is { } retry
        ? retry.Text.Length > 0
            ? _services.Client.ContinuationMessages([.. _request.Messages, new ChatMessage(ChatRole.User, retry.Guidance)], retry.Text)
            : [.. _request.Messages, new ChatMessage(ChatRole.User, retry.Guidance)]
        : _request.Continuation is { Text.Length: > 0 } continuation
        ? _services.Client.ContinuationMessages(_request.Messages, continuation.Text)
        : _request.Messages;

    /// <summary>Whether the model goes on from text already streamed (a continuation, or a retry after a violation).</summary>
    private bool Continuing => _retry is { Text.Length: > 0 } || _request.Continuation is { Text.Length: > 0 };

    private ChatOptions CreateOptions()
    {
        var options = _services.Client.CreateOptions(_request.Schema, _request.PlainText, continuing: Continuing);
        options.Temperature = _request.Model?.Temperature;
        options.MaxOutputTokens = _request.Model?.MaxOutputTokens;
        options.Seed = _request.Model?.Seed;
        options.AdditionalProperties = new() { [ModelClient.StreamIdProperty] = Id };
        // A continuation or a retry asks the simulated model for the rest of its healthy answer, not for the same fault again.
        var again = _request.Continuation is not null || _retry is not null;
        if ((!again ? _request.Simulation : _request.Simulation is { } original ? original with { Scenario = SimulationScenario.None } : null) is { } simulation)
        {
            options.AdditionalProperties[SimulatedChatClient.SettingsKey] = simulation;
            if (simulation.Scenario == SimulationScenario.Tool)
            {
                options.Tools = [LookupTool.Function];
            }
        }

        return options;
    }

    /// <summary>Tool calls and their results become <c>status</c> events: the reader sees why the text paused.</summary>
    private void ReportTools(ChatResponseUpdate update, List<StreamEvent> batch)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    _tools[call.CallId] = (_services.Time.GetTimestamp(), call.Name);
                    batch.Add(new StatusEvent(PhaseOf(call.Name)) { Name = call.Name, Detail = "started" });
                    break;
                case FunctionResultContent result when _tools.Remove(result.CallId, out var tool):
                    var (start, name) = tool;
                    batch.Add(new StatusEvent(PhaseOf(name))
                    {
                        Name = name,
                        Detail = result.Exception is null ? "done" : $"failed: {result.Exception.Message}",
                        DurationMs = (long)_services.Time.GetElapsedTime(start).TotalMilliseconds,
                    });
                    break;
            }
        }
    }

    private static string PhaseOf(string tool) => tool == SimulatedChatClient.LookupTool ? StreamPhases.Retrieval : StreamPhases.Tool;

    private static ErrorEvent ModelError(Exception e) => e switch
    {
        Polly.CircuitBreaker.BrokenCircuitException => new("model_unavailable", "The model provider failed repeatedly; calls are paused for a while. Try again shortly.", Retryable: true),
        System.ClientModel.ClientResultException { Status: 429 } or HttpRequestException { StatusCode: System.Net.HttpStatusCode.TooManyRequests }
            => new("rate_limited", $"The model provider refused the call: {e.Message}", Retryable: true),
        System.ClientModel.ClientResultException { Status: >= 400 and < 500 and not 408 } c
            => new("model_error", $"The model provider refused the request ({c.Status}): {e.Message}", Retryable: false),
        HttpRequestException { StatusCode: { } status } when (int)status is >= 400 and < 500 and not 408
            => new("model_error", $"The model provider refused the request ({(int)status}): {e.Message}", Retryable: false),
        // The provider's SDK reads each streamed chunk as JSON; a chunk that is not is the provider's fault, and a new call
        // usually gets a well-formed stream.
        System.Text.Json.JsonException => new("model_error", $"The model provider sent a malformed stream: {e.Message}", Retryable: true),
        _ => new("model_error", $"The model call failed: {e.Message}", Retryable: true),
    };

    private async Task AppendStatusAsync(StatusEvent status)
    {
        try
        {
            await AppendAsync([status]).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The generation ended while the timer fired.
        }
    }

    /// <summary>Appends and clears <paramref name="batch"/>; after <c>final</c> nothing more is appended (late timers).</summary>
    private async Task AppendAsync(List<StreamEvent> batch, bool last = false)
    {
        await _appendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_ended && batch.Count > 0)
            {
                try
                {
                    await _services.Log.AppendAsync(Id, batch.ToArray()).ConfigureAwait(false);
                    _ended = batch.Exists(e => e is FinalEvent);
                }
                catch (Exception e) when (e is not OperationCanceledException and not ObjectDisposedException)
                {
                    // The log refused (another instance took the stream over) or is unreachable: nothing more can
                    // be written, so stop paying for tokens. Readers learn it from the log: the new owner's final,
                    // or, once this lease runs out, an owner_lost written by a reader's instance.
                    _ended = true;
                    await _cancel.CancelAsync().ConfigureAwait(false);
                }
            }

            if (!last)
            {
                batch.Clear();
            }

            _ended |= last;
        }
        finally
        {
            _appendLock.Release();
        }
    }
}
