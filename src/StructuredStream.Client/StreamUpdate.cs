using System.Text.Json.Nodes;
using StructuredStream.Protocol;

namespace StructuredStream.Client;

/// <summary>One step of a stream: the event just applied and the partial object after it.</summary>
public class StreamUpdate
{
    private readonly IReadOnlySet<string> _completed;

    internal StreamUpdate(long seq, StreamEvent streamEvent, JsonNode? @object, StreamPhase phase, int? position, string? streamId, IReadOnlySet<string> completed)
    {
        Seq = seq;
        Event = streamEvent;
        Object = @object;
        Phase = phase;
        Position = position;
        StreamId = streamId;
        _completed = completed;
    }

    /// <summary>The event's seq (for a <see cref="ReconnectingEvent"/>, the last seq applied).</summary>
    public long Seq { get; }

    /// <summary>The event as sent, or a <see cref="ReconnectingEvent"/> made by the client.</summary>
    public StreamEvent Event { get; }

    /// <summary>
    /// The partial object after this event (<see langword="null"/> before the first patch). It is the client's live
    /// tree, changed by later events: clone it (<see cref="JsonNode.DeepClone"/>) to keep it as it is now.
    /// </summary>
    public JsonNode? Object { get; }

    /// <summary>What the stream is doing.</summary>
    public StreamPhase Phase { get; }

    /// <summary>The place in the line while <see cref="StreamPhase.Queued"/>.</summary>
    public int? Position { get; }

    /// <summary>The stream's id, once known.</summary>
    public string? StreamId { get; }

    /// <summary>The JSON Pointers whose values are final (from <c>complete</c> events so far); live, like <see cref="Object"/>.</summary>
    public IReadOnlySet<string> Completed => _completed;

    /// <summary>The <c>final</c> event, on the last update.</summary>
    public FinalEvent? Final => Event as FinalEvent;

    /// <summary>
    /// Whether the value at a JSON Pointer (<c>""</c> is the root) is final: it, or a value holding it, is complete (no op
    /// touches anything at or below a completed path), as the TypeScript client answers it.
    /// </summary>
    public bool IsComplete(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_completed.Contains(path) || _completed.Contains(""))
        {
            return true;
        }

        // Its ancestors: "/a" for "/a/b" ("" is checked above; the root and "/x" have no others).
        for (var slash = path.Length > 1 ? path.IndexOf('/', 1) : -1; slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (_completed.Contains(path[..slash]))
            {
                return true;
            }
        }

        return false;
    }
}
