using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StructuredStream.Protocol;

namespace StructuredStream.Client;

/// <summary>
/// Streams from a StructuredStream service: each update is one event applied to the partial object. A dropped
/// connection is resumed after the last event applied (never applying one twice); cancelling the token asks the
/// service to stop the model call; the end is checked against the <c>final</c> event's object and checksum.
/// </summary>
public sealed class StructuredStreamClient
{
    private const string EventsMediaType = "application/x-ndjson";
    private readonly HttpClient _http;
    private readonly StructuredStreamClientOptions _options;

    /// <summary>Creates a client; <paramref name="http"/> has the service's address as its <see cref="HttpClient.BaseAddress"/>.</summary>
    public StructuredStreamClient(HttpClient http, StructuredStreamClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? new StructuredStreamClientOptions();
    }

    /// <summary>Starts a stream (<c>POST /v1/streams</c>) and yields its updates until <c>final</c>.</summary>
    /// <exception cref="StreamRequestException">The service refused the request.</exception>
    /// <exception cref="StreamConnectionException">The connection dropped and could not be resumed.</exception>
    /// <exception cref="ChecksumMismatchException">The object rebuilt from the patches is not the final one.</exception>
    /// <exception cref="InvalidDataException">
    /// An event is not JSON, or a patch does not apply to the object so far: the object may then hold part of that
    /// patch, so resume such a stream from its id (from the start), not from an update.
    /// </exception>
    public IAsyncEnumerable<StreamUpdate> StreamAsync(StreamRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(new StreamSession(), () => Post("v1/streams", request), cancellationToken);
    }

    /// <summary>Starts a stream and reads its partial object as <typeparamref name="T"/> at each update, where it deserializes.</summary>
    public IAsyncEnumerable<StreamUpdate<T>> StreamAsync<T>(StreamRequest request, JsonSerializerOptions? json = null, CancellationToken cancellationToken = default) =>
        Typed<T>(StreamAsync(request, cancellationToken), json ?? JsonSerializerOptions.Web, cancellationToken);

    /// <summary>Reads a stream from its first event until <c>final</c> (another reader's stream, or one started elsewhere).</summary>
    public IAsyncEnumerable<StreamUpdate> ResumeAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        var session = new StreamSession(streamId);
        return RunAsync(session, () => EventsAfter(session), cancellationToken);
    }

    /// <summary>
    /// Goes on with a stream after the last update the caller saw (after a stop, a restart, a page reload): the events
    /// after its seq, applied to a copy of its object.
    /// </summary>
    public IAsyncEnumerable<StreamUpdate> ResumeAsync(StreamUpdate lastSeen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lastSeen);
        if (lastSeen.StreamId is null)
        {
            throw new ArgumentException("The update has no stream id yet: nothing to resume.", nameof(lastSeen));
        }

        var session = new StreamSession(lastSeen);
        return RunAsync(session, () => EventsAfter(session), cancellationToken);
    }

    /// <summary>Starts a new stream with the request of <paramref name="streamId"/>, with <paramref name="changes"/> (prompt, messages, options) if given.</summary>
    public IAsyncEnumerable<StreamUpdate> RegenerateAsync(string streamId, StreamRequest? changes = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        return RunAsync(new StreamSession(), () => Post($"v1/streams/{Uri.EscapeDataString(streamId)}/regenerate", changes), cancellationToken);
    }

    /// <summary>
    /// Starts a new stream that goes on from the object a cancelled, failed or timed-out stream kept, or from
    /// <paramref name="edited"/>: that object as the user changed it.
    /// </summary>
    /// <exception cref="StreamRequestException">The stream cannot be continued (409), or the edit breaks the schema (422).</exception>
    public IAsyncEnumerable<StreamUpdate> ContinueAsync(string streamId, JsonNode? edited = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        var path = $"v1/streams/{Uri.EscapeDataString(streamId)}/continue";
        return RunAsync(new StreamSession(), () => edited is null ? Post(path, (StreamRequest?)null) : Post(path, new JsonObject { ["object"] = edited.DeepClone() }), cancellationToken);
    }

    /// <summary>Cancels a stream (<c>DELETE /v1/streams/{id}</c>): the model call stops, the object so far is kept.</summary>
    public async Task CancelAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Delete, $"v1/streams/{Uri.EscapeDataString(streamId)}"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await StreamRequestException.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<StreamUpdate> RunAsync(StreamSession session, Func<HttpRequestMessage> firstRequest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = firstRequest();
        var attempt = 0;
        while (true)
        {
            HttpResponseMessage? response = null;
            IAsyncEnumerator<SequencedEvent>? events = null;
            Exception? dropped = null;
            try
            {
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (session.StreamId is not null
                    && (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested)))
                {
                    // Unreachable, or HttpClient.Timeout ran out before the resume's answer came: try again.
                    dropped = e;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await CancelOnServiceAsync(session).ConfigureAwait(false);
                    throw;
                }
                finally
                {
                    request.Dispose();
                }

                if (response is not null)
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        if (session.StreamId is null || !IsTransient(response.StatusCode))
                        {
                            throw await StreamRequestException.ReadAsync(response, cancellationToken).ConfigureAwait(false);
                        }

                        dropped = new HttpRequestException($"The service answered {(int)response.StatusCode} to the resume.", null, response.StatusCode);
                    }
                    else
                    {
                        session.StreamId ??= response.Headers.TryGetValues("X-Stream-Id", out var ids) ? ids.FirstOrDefault() : null;
                        events = EventResponseReader.ReadAsync(response, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    }
                }

                while (events is not null)
                {
                    bool moved;
                    try
                    {
                        moved = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                    {
                        dropped = e;
                        break;
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        await CancelOnServiceAsync(session).ConfigureAwait(false);
                        throw;
                    }

                    if (!moved)
                    {
                        break;
                    }

                    if (events.Current.Event is HeartbeatEvent)
                    {
                        // The link works and the stream lives: a drop after this starts a new count of attempts.
                        attempt = 0;
                    }

                    if (session.Apply(events.Current) is not { } update)
                    {
                        continue;
                    }

                    attempt = 0;
                    if (session.Final is not null)
                    {
                        // Checked before it is handed out: a caller that stops at the final update must not skip it.
                        session.Verify();
                        yield return update;
                        yield break;
                    }

                    yield return update;
                }
            }
            finally
            {
                if (events is not null)
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                }

                response?.Dispose();
            }

            // The connection dropped, or the body ended before final: resume after the last event applied.
            var reason = dropped?.Message ?? "The connection closed before the final event.";
            if (session.StreamId is null)
            {
                throw new StreamConnectionException($"The connection dropped before the service named the stream, so it cannot be resumed: {reason}", dropped);
            }

            attempt++;
            if (attempt > _options.Reconnect.MaxAttempts)
            {
                throw new StreamConnectionException($"Stream {session.StreamId} could not be resumed after {attempt - 1} attempts (last event applied: {session.LastSeq}): {reason}", dropped);
            }

            var delay = Backoff(attempt);
            yield return session.Reconnecting(attempt, delay, reason);
            try
            {
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await CancelOnServiceAsync(session).ConfigureAwait(false);
                throw;
            }

            request = EventsAfter(session);
        }
    }

    private static async IAsyncEnumerable<StreamUpdate<T>> Typed<T>(IAsyncEnumerable<StreamUpdate> updates, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            T? value = default;
            var hasValue = false;
            if (update.Object is not null)
            {
                try
                {
                    value = update.Object.Deserialize<T>(json);
                    hasValue = true;
                }
                catch (JsonException)
                {
                    // The partial object does not fit T yet (a required member still missing): Object still has it.
                }
            }

            yield return new StreamUpdate<T>(update, value, hasValue);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private TimeSpan Backoff(int attempt)
    {
        // Full jitter: a random wait up to the exponential bound, so many clients dropped at once do not return at once.
        var reconnect = _options.Reconnect;
        var bound = Math.Min(reconnect.MaxDelay.TotalMilliseconds, reconnect.InitialDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * bound);
    }

    private async Task CancelOnServiceAsync(StreamSession session)
    {
        if (session.StreamId is null || session.Final is not null)
        {
            return;
        }

        try
        {
            // The caller's token is already cancelled; the service still has to hear about it, briefly.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await CancelAsync(session.StreamId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or StreamRequestException)
        {
            // The service is gone or the stream already ended: nothing left to stop.
        }
    }

    private HttpRequestMessage Post(string path, StreamRequest? body) =>
        Post(path, body is null ? null : JsonContent.Create(body, RequestJson.Default.StreamRequest));

    private HttpRequestMessage Post(string path, JsonObject body) =>
        Post(path, JsonContent.Create(body, RequestJson.Default.JsonObject));

    private HttpRequestMessage Post(string path, HttpContent? content) =>
        Accepting(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });

    private HttpRequestMessage EventsAfter(StreamSession session)
    {
        var path = session.EventsUrl?.TrimStart('/') ?? $"v1/streams/{Uri.EscapeDataString(session.StreamId!)}/events";
        var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?after={session.LastSeq}");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", session.LastSeq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Accepting(request);
    }

    private HttpRequestMessage Accepting(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_options.Transport == StreamTransport.ServerSentEvents ? "text/event-stream" : EventsMediaType));
        return Authorized(request);
    }

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        if (_options.ApiKey is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
