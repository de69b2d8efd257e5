using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using StructuredStream.Api.Access;
using StructuredStream.Api.Admission;
using StructuredStream.Api.Cluster;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Streams;

/// <summary><c>/v1/streams</c>: start a stream, read or resume its events, see its state, cancel it.</summary>
public static partial class StreamEndpoints
{
    /// <summary>Maps the stream endpoints.</summary>
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/streams").WithTags("Streams");
        group.MapPost("", CreateAsync)
            .WithName("CreateStream")
            .WithSummary("Starts a stream and streams its events (NDJSON by default, SSE when Accept asks for text/event-stream).")
            .Accepts<CreateStreamRequest>("application/json")
            .ProducesEvents(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{id}/regenerate", RegenerateAsync)
            .WithName("RegenerateStream")
            .WithSummary("Starts a new stream with the request of stream {id} (its schema, messages and options), optionally with edited messages or options, and streams its events; its started event names the old stream in regeneratedFrom.")
            .Accepts<CreateStreamRequest>("application/json")
            .ProducesEvents(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/{id}/continue", ContinueAsync)
            .WithName("ContinueStream")
            .WithSummary("Starts a new stream that continues stream {id} (cancelled, failed or timed out) from the object it kept, or from that object as the user edited it (body: {\"object\": …}): the model is asked to go on from that text, the new stream's first patch sets the object and the rest extend it; its started event names the old stream in continuedFrom.")
            .Accepts<ContinueRequest>(isOptional: true, "application/json")
            .ProducesEvents(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/events", ReadEventsAsync)
            .WithName("ReadStreamEvents")
            .WithSummary("Reads a stream's events after a cursor (Last-Event-ID or ?after=seq): missed events first, then live ones, until final.")
            .ProducesEvents(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status406NotAcceptable);
        group.MapGet("/{id}", GetAsync)
            .WithName("GetStream")
            .WithSummary("Returns a stream's state: status, last seq and the partial object.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", CancelAsync)
            .WithName("CancelStream")
            .WithSummary("Cancels a stream: the model call stops and the stream ends with final outcome 'cancelled', keeping the partial object. Returns the state after the end.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, CreateStreamRequestReader reader, StreamHub hub, EventFeed feed, AdmissionOptions admission)
    {
        if (Negotiate(request) is not { } transport)
        {
            return NotAcceptable(request);
        }

        var (body, problem) = await ReadBodyAsync<CreateStreamRequest>(request).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var (refused, checkedRequest) = await CheckAsync(reader, body, request.HttpContext).ConfigureAwait(false);
        return refused ?? await StartAsync(request, checkedRequest!, transport, hub, feed, admission).ConfigureAwait(false);
    }

    private static async Task<(T? Body, IResult? Problem)> ReadBodyAsync<T>(HttpRequest request, string title = "The body is not a stream request")
        where T : class
    {
        var type = typeof(T).Name;
        try
        {
            var body = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted).ConfigureAwait(false);
            return body is null
                ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: "The body is empty or null."))
                : (body, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiKeyMiddleware.TooLarge(request.HttpContext.RequestServices.GetRequiredService<AccessOptions>()));
        }
        catch (JsonException e)
        {
            var detail = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"Unknown field '{e.Path}'; see {type} in /swagger for the fields."
                : e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"The body nests deeper than 256 levels (at '{e.Path}'); a schema may nest 64 levels at most."
                : e.Path is { Length: > 1 } path
                ? $"The value at '{path}' has the wrong type or is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); see {type} in /swagger."
                : $"The body is not JSON: {e.Message}";
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail));
        }
    }

    /// <summary>Whether the request has a body to read (regenerate and continue work without one).</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is not 0 && (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0);

    /// <summary>The checked request, or the problem with <paramref name="body"/>.</summary>
    private static async Task<(ProblemHttpResult? Refused, GenerationRequest? Request)> CheckAsync(CreateStreamRequestReader reader, CreateStreamRequest body, HttpContext context)
    {
        // A named schema that cannot be read from Redis throws: the API-wide mapping answers 503 with Retry-After.
        var (checkedRequest, problems, refusal) = await reader.ReadAsync(body, TenantOf.Request(context)).ConfigureAwait(false);
        if (checkedRequest is not null)
        {
            return (null, checkedRequest);
        }

        var (status, title) = refusal switch
        {
            RequestRefusal.UnknownSchema => (StatusCodes.Status404NotFound, "Unknown schema"),
            RequestRefusal.SchemaRefused => (StatusCodes.Status422UnprocessableEntity, "The schema is refused"),
            _ => (StatusCodes.Status400BadRequest, "The stream request is not valid"),
        };
        return (TypedResults.Problem(statusCode: status,
            title: title,
            detail: string.Join(" ", problems.Values.SelectMany(v => v)),
            extensions: new Dictionary<string, object?> { ["errors"] = problems }), null);
    }

    /// <summary>Starts the stream and answers with its events.</summary>
    private static async Task<IResult> StartAsync(
        HttpRequest request, GenerationRequest checkedRequest, EventTransport transport, StreamHub hub, EventFeed feed, AdmissionOptions admission)
    {
        Generation generation;
        try
        {
            generation = await hub.StartAsync(checkedRequest, ClientIdentity.Of(request.HttpContext), request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (QueueFullException e)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(admission.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many streams waiting", detail: e.Message);
        }
        catch (StreamLogFullException e)
        {
            request.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many streams", detail: e.Message);
        }

        // StartAsync counted this request as the first reader; the feed counts it again while it reads.
        var events = feed.ReadAsync(generation.Id, 0, request.HttpContext.RequestAborted);
        generation.ReaderDetached();
        return new EventStreamResult(events, transport, generation.Id);
    }

    /// <param name="id">The stream's id.</param>
    /// <param name="request">The request.</param>
    /// <param name="after">The last seq the reader has (0 or absent: from the start).</param>
    /// <param name="lastEventId">The last seq the reader has, as an SSE client sends it on reconnecting; wins over <c>after</c>.</param>
    /// <param name="log">The stream log.</param>
    /// <param name="feed">The live events.</param>
    private static async Task<IResult> ReadEventsAsync(
        string id, HttpRequest request, long? after, [FromHeader(Name = "Last-Event-ID")] string? lastEventId, IStreamLog log, EventFeed feed)
    {
        if (Negotiate(request) is not { } transport)
        {
            return NotAcceptable(request);
        }

        var header = lastEventId ?? "";
        long cursor = after ?? 0;
        if (header.Length > 0 && !long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad cursor", detail: $"Last-Event-ID must be the seq of an event (a non-negative integer), not '{header}'.");
        }

        if (cursor < 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad cursor", detail: $"The cursor must be a non-negative seq, not {cursor}.");
        }

        var snapshot = await VisibleAsync(log, id, request.HttpContext).ConfigureAwait(false);
        if (snapshot is null)
        {
            return UnknownStream(id);
        }

        if (cursor > snapshot.LastSeq)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad cursor",
                detail: $"The stream '{id}' has {snapshot.LastSeq} events so far; there is no event {cursor} to resume after.");
        }

        // From the final's own seq, the final again: the stream ended there, and an empty answer would read as a
        // dropped connection to a client that resumes from a seq it kept without knowing it was the final's.
        var from = snapshot.IsFinished && cursor == snapshot.LastSeq && cursor > 0 ? cursor - 1 : cursor;
        return new EventStreamResult(feed.ReadAsync(id, from, request.HttpContext.RequestAborted), transport, id);
    }

    private static async Task<Results<Ok<StreamState>, ProblemHttpResult>> GetAsync(string id, HttpContext context, IStreamLog log, StreamStateReader states) =>
        await VisibleAsync(log, id, context).ConfigureAwait(false) is not null
        && await states.ReadAsync(id, context.RequestAborted).ConfigureAwait(false) is { } state
            ? TypedResults.Ok(state)
            : UnknownStream(id);

    private static async Task<Results<Ok<StreamState>, ProblemHttpResult>> CancelAsync(
        string id, HttpContext context, IStreamOwnership ownership, AdoptedStreamEnder ender, IStreamLog log, StreamStateReader states)
    {
        var cancellationToken = context.RequestAborted;
        if (await VisibleAsync(log, id, context).ConfigureAwait(false) is { IsFinished: false } snapshot)
        {
            if (await ownership.RequestCancelAsync(id, CancelReason.Requested).ConfigureAwait(false))
            {
                // The answer shows the stream ended: its owner appends final as soon as the model call stops.
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(TimeSpan.FromSeconds(10));
                await WaitForFinalAsync(log, id, snapshot.LastSeq, wait.Token).ConfigureAwait(false);
            }
            else if (await ownership.TryAdoptOrphanAsync(id).ConfigureAwait(false))
            {
                await ender.EndAsync(id, StreamOutcome.Cancelled, error: null).ConfigureAwait(false);
            }
        }

        return await GetAsync(id, context, log, states).ConfigureAwait(false);
    }

    /// <summary>
    /// The stream as the request's tenant sees it: null for an unknown stream and for another tenant's, which get the
    /// same 404, so ids say nothing about other tenants.
    /// </summary>
    private static async Task<StreamSnapshot?> VisibleAsync(IStreamLog log, string id, HttpContext context)
    {
        var snapshot = await log.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return snapshot is not null && (snapshot.Stream.Tenant ?? ApiKeys.SingleTenant) == TenantOf.Request(context) ? snapshot : null;
    }

    private static async Task WaitForFinalAsync(IStreamLog log, string id, long after, CancellationToken cancellationToken)
    {
        try
        {
            for (var batch = await log.ReadAsync(id, after, 512, cancellationToken).ConfigureAwait(false);
                 batch.Count > 0 && batch[^1].Event is not FinalEvent;
                 batch = await log.ReadAsync(id, batch[^1].Seq, 512, cancellationToken).ConfigureAwait(false))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Past the wait (or the caller left): the state says where the stream is.
        }
    }

    /// <summary>Describes an answer of events (NDJSON or SSE), or one of <paramref name="problems"/> before it starts.</summary>
    private static RouteHandlerBuilder ProducesEvents(this RouteHandlerBuilder endpoint, params int[] problems)
    {
        endpoint.Produces(StatusCodes.Status200OK, contentType: EventStreamResult.NdjsonType, additionalContentTypes: [EventStreamResult.SseType]);
        foreach (var status in problems)
        {
            endpoint.ProducesProblem(status);
        }

        return endpoint;
    }

    /// <summary>NDJSON unless the client asks for SSE; null when it accepts neither.</summary>
    internal static EventTransport? Negotiate(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return EventTransport.Ndjson;
        }

        foreach (var type in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (type.Quality == 0)
            {
                continue;
            }

            if (type.MediaType.Equals(EventStreamResult.SseType, StringComparison.OrdinalIgnoreCase))
            {
                return EventTransport.ServerSentEvents;
            }

            if (type.MediaType.Equals(EventStreamResult.NdjsonType, StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.MatchesAllTypes || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return EventTransport.Ndjson;
            }
        }

        return null;
    }

    private static ProblemHttpResult NotAcceptable(HttpRequest request) =>
        TypedResults.Problem(statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable",
            detail: $"Events are sent as {EventStreamResult.NdjsonType} or {EventStreamResult.SseType}; the Accept header '{request.Headers[HeaderNames.Accept]}' allows neither.");

    private static ProblemHttpResult UnknownStream(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown stream", detail: new StreamNotFoundException(id).Message);
}
