using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using StructuredStream.Api.Access;
using StructuredStream.Api.Admission;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Api.Streams;

// After a stream: regenerate it, or continue it from the object it kept.
public static partial class StreamEndpoints
{
    /// <param name="id">The stream to regenerate.</param>
    /// <param name="request">The request; its body, if any, replaces parts of the original request.</param>
    /// <param name="log">The stream log.</param>
    /// <param name="reader">Checks the regenerated request.</param>
    /// <param name="hub">Starts the new stream.</param>
    /// <param name="feed">The new stream's events.</param>
    /// <param name="admission">The caps, for a 429's Retry-After.</param>
    private static async Task<IResult> RegenerateAsync(
        string id, HttpRequest request, IStreamLog log, CreateStreamRequestReader reader, StreamHub hub, EventFeed feed, AdmissionOptions admission)
    {
        if (Negotiate(request) is not { } transport)
        {
            return NotAcceptable(request);
        }

        var changes = new CreateStreamRequest();
        if (HasBody(request))
        {
            var (body, problem) = await ReadBodyAsync<CreateStreamRequest>(request).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }

            changes = body;
        }

        if (changes.Schema is not null || changes.SchemaId is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The stream request is not valid",
                detail: "A regenerated stream keeps its schema; start a new stream (POST /v1/streams) for another one.");
        }

        if (await VisibleAsync(log, id, request.HttpContext).ConfigureAwait(false) is not { } snapshot)
        {
            return UnknownStream(id);
        }

        if (snapshot.Stream.Request is null || JsonSerializer.Deserialize<CreateStreamRequest>(snapshot.Stream.Request, JsonSerializerOptions.Web) is not { } original)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The stream cannot be regenerated",
                detail: $"The stream '{id}' was started without its request being kept; start a new stream instead.");
        }

        var edited = changes.Messages is not null || changes.Prompt is not null;
        var regenerated = original with
        {
            Messages = edited ? changes.Messages : original.Messages,
            Prompt = edited ? changes.Prompt : original.Prompt,
            Model = changes.Model ?? original.Model,
            Patch = changes.Patch ?? original.Patch,
            OnViolation = changes.OnViolation ?? original.OnViolation,
            Simulation = changes.Simulation ?? original.Simulation,
        };
        var (refused, checkedRequest) = await CheckAsync(reader, regenerated, request.HttpContext).ConfigureAwait(false);
        return refused ?? await StartAsync(request, checkedRequest! with { RegeneratedFrom = id }, transport, hub, feed, admission).ConfigureAwait(false);
    }

    /// <param name="id">The stream to continue.</param>
    /// <param name="request">The request.</param>
    /// <param name="log">The stream log.</param>
    /// <param name="states">Reads how the old stream ended.</param>
    /// <param name="reader">Checks the old stream's request again.</param>
    /// <param name="hub">Starts the new stream.</param>
    /// <param name="feed">The new stream's events.</param>
    /// <param name="admission">The caps, for a 429's Retry-After.</param>
    /// <param name="streams">How long an answer may grow, for the text the new stream goes on from.</param>
    private static async Task<IResult> ContinueAsync(
        string id, HttpRequest request, IStreamLog log, StreamStateReader states, CreateStreamRequestReader reader, StreamHub hub, EventFeed feed,
        AdmissionOptions admission, StreamOptions streams)
    {
        if (Negotiate(request) is not { } transport)
        {
            return NotAcceptable(request);
        }

        ContinueRequest? edits = null;
        if (HasBody(request))
        {
            var (body, bodyProblem) = await ReadBodyAsync<ContinueRequest>(request, "The body is not a continue request").ConfigureAwait(false);
            if (body is null)
            {
                return bodyProblem!;
            }

            edits = body;
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        if (await VisibleAsync(log, id, request.HttpContext).ConfigureAwait(false) is not { } snapshot)
        {
            return UnknownStream(id);
        }

        if (!snapshot.IsFinished)
        {
            return CannotContinue($"The stream '{id}' is still running: stop it (DELETE) or let it end before continuing it.");
        }

        if (await states.ReadEndAsync(id, cancellationToken).ConfigureAwait(false) is not ({ } final, var completed))
        {
            return UnknownStream(id); // it expired while being read
        }

        if (final.Outcome is not (StreamOutcome.Cancelled or StreamOutcome.Failed or StreamOutcome.TimedOut) || completed.Contains(""))
        {
            return CannotContinue($"The stream '{id}' ended {FinalEvent.WireName(final.Outcome)} with its object complete or invalid: there is nothing to continue. Regenerate it instead.");
        }

        if (snapshot.Stream.Request is null || JsonSerializer.Deserialize<CreateStreamRequest>(snapshot.Stream.Request, JsonSerializerOptions.Web) is not { } original)
        {
            return CannotContinue($"The stream '{id}' was started without its request being kept; start a new stream instead.");
        }

        var (refused, checkedRequest) = await CheckAsync(reader, original, request.HttpContext).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var kept = final.Object;
        if (edits?.Object is { } edited)
        {
            // The user's edits replace what was kept; completion stays with the values that are still there.
            kept = DocumentNode.FromElement(edited);
            completed = [.. completed.Where(path => JsonPointer.TryResolve(kept, JsonPointer.Parse(path), out _))];
        }

        var text = kept switch
        {
            LiteralNode { Kind: DocumentNodeKind.Null } => "", // nothing was generated: start afresh
            StringNode plain when checkedRequest!.PlainText => plain.Value,
            var partial => PartialJsonText.Of(partial, completed.ToHashSet(StringComparer.Ordinal)),
        };
        if (ContinuationProblem(checkedRequest!, text, streams, edited: edits?.Object is not null) is { } refusedText)
        {
            return refusedText;
        }

        var continuation = new StreamContinuation(id, kept, completed, text);
        return await StartAsync(request, checkedRequest! with { Continuation = continuation }, transport, hub, feed, admission).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the text the new stream goes on from as its generation will, and refuses it when that already fails: an
    /// edit that breaks the schema, or a kept object with no room left under <see cref="StreamOptions.MaxAnswerCharacters"/>.
    /// </summary>
    private static ProblemHttpResult? ContinuationProblem(GenerationRequest request, string text, StreamOptions streams, bool edited)
    {
        using var builder = new EventStreamBuilder(request.BuilderOptions(streams));
        var events = new List<StreamEvent>();
        builder.Append(request.PlainText ? new PlainTextAsJson().Next(text) : text, events);
        return events.OfType<ErrorEvent>().FirstOrDefault() is { } error
            ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: edited ? "The edited object cannot be continued" : "The kept object cannot be continued",
                detail: error.Path is { } at ? $"{error.Message} (at '{at}')" : error.Message)
            : null;
    }

    private static ProblemHttpResult CannotContinue(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The stream cannot be continued", detail: detail);
}
