using System.Text.Json.Nodes;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Client;

/// <summary>
/// The client's state of one stream: the object rebuilt from its patches, the completed paths, the phase and the last
/// seq applied. An event at or below that seq is never applied again, whatever the connection does.
/// </summary>
internal sealed class StreamSession
{
    private readonly HashSet<string> _completed = new(StringComparer.Ordinal);
    private JsonNode? _object;
    private StreamPhase _phase = StreamPhase.Connecting;
    private int? _position;
    private bool _patched;

    public StreamSession(string? streamId = null)
    {
        StreamId = streamId;
    }

    /// <summary>Goes on from an update the caller saw: its seq, (a copy of) its object and its completed paths.</summary>
    public StreamSession(StreamUpdate from)
    {
        StreamId = from.StreamId;
        LastSeq = from.Seq;
        _object = from.Object?.DeepClone();
        _completed.UnionWith(from.Completed);
        _phase = from.Phase;
        _patched = _object is not null;
    }

    public string? StreamId { get; set; }

    public string? EventsUrl { get; private set; }

    public long LastSeq { get; private set; }

    public FinalEvent? Final { get; private set; }

    /// <summary>Applies an event; returns the update to show, or <see langword="null"/> for a heartbeat or an event already applied.</summary>
    public StreamUpdate? Apply(SequencedEvent sequenced)
    {
        if (sequenced.Event is HeartbeatEvent)
        {
            return null;
        }

        if (sequenced.Seq <= LastSeq)
        {
            // The final again, at the seq the reader resumed from: the stream had ended there (the service repeats it).
            if (sequenced.Event is FinalEvent again && sequenced.Seq == LastSeq && Final is null)
            {
                Final = again;
                _phase = StreamPhase.Done;
                return Update(sequenced.Seq, again);
            }

            return null;
        }

        switch (sequenced.Event)
        {
            case StartedEvent started:
                StreamId = started.StreamId;
                EventsUrl = started.EventsUrl;
                _phase = StreamPhase.Thinking;
                break;
            case StatusEvent status:
                // The service says generating when the model call starts; until its first value arrives, it is thinking.
                _phase = status.Phase == StreamPhases.Generating && !_patched ? StreamPhase.Thinking : PhaseOf(status.Phase);
                _position = status.Position;
                break;
            case PatchEvent patch:
                try
                {
                    foreach (var operation in patch.Ops)
                    {
                        _object = JsonNodePatcher.Apply(_object, operation);
                    }
                }
                catch (PatchException e)
                {
                    throw new InvalidDataException($"The patch of event {sequenced.Seq} of stream {StreamId} does not apply to the object so far: {e.Message}", e);
                }

                _patched = true;
                if (_phase is not StreamPhase.Generating)
                {
                    _phase = StreamPhase.Generating;
                    _position = null;
                }

                break;
            case CompleteEvent complete:
                _completed.UnionWith(complete.Paths);
                break;
            case FinalEvent final:
                Final = final;
                _phase = StreamPhase.Done;
                break;
        }

        LastSeq = sequenced.Seq;
        return Update(sequenced.Seq, sequenced.Event);
    }

    public StreamUpdate Reconnecting(int attempt, TimeSpan delay, string reason)
    {
        _phase = StreamPhase.Reconnecting;
        return Update(LastSeq, new ReconnectingEvent(attempt, delay, reason));
    }

    /// <summary>Checks the object rebuilt from the patches against <c>final</c> and its checksum.</summary>
    /// <exception cref="ChecksumMismatchException">They differ.</exception>
    public void Verify()
    {
        var final = Final ?? throw new InvalidOperationException("The stream has not ended.");
        var sent = JsonNode.Parse(final.Object.ToJsonString());
        if (!JsonNode.DeepEquals(_object, sent))
        {
            throw new ChecksumMismatchException($"The object rebuilt from the patches of stream {StreamId} is not the final object: an event was lost or applied twice.");
        }

        if (CanonicalJson.Checksum(final.Object) != final.Checksum)
        {
            throw new ChecksumMismatchException($"The final object of stream {StreamId} does not have the checksum sent with it ({final.Checksum}).");
        }
    }

    private StreamUpdate Update(long seq, StreamEvent streamEvent) =>
        new(seq, streamEvent, _object, _phase, _phase == StreamPhase.Queued ? _position : null, StreamId, _completed);

    private static StreamPhase PhaseOf(string phase) => phase switch
    {
        StreamPhases.Queued => StreamPhase.Queued,
        StreamPhases.Tool => StreamPhase.Tool,
        StreamPhases.Retrieval => StreamPhase.Retrieval,
        StreamPhases.Retrying => StreamPhase.Retrying,
        StreamPhases.Stalled => StreamPhase.Stalled,
        _ => StreamPhase.Generating,
    };
}
