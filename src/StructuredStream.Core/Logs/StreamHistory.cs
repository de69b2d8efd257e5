using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// The events of one stream, held in memory that is bounded by the stream's object rather than by how many tokens wrote
/// it. Until <c>final</c>, the latest events are kept as appended, so readers that keep up get every one of them; older
/// runs of consecutive <c>patch</c> events are folded into one merged patch each (as <see cref="CatchUpMerger"/>
/// merges), and every other event is kept. A reader whose cursor falls inside a folded run holds an object the merged
/// ops do not start from: it gets the whole object at the run's end instead, as one <c>add ""</c>. Not thread-safe: its
/// owner serialises calls.
/// </summary>
public sealed class StreamHistory
{
    private readonly int _recent;

    /// <summary>Events older than the recent ones, in seq order; a patch run is one slot covering its seqs.</summary>
    private readonly List<Slot> _folded = [];

    /// <summary>The recent events as appended; <c>_recentEvents[i]</c> has seq <c>_firstRecentSeq + i</c>.</summary>
    private readonly List<StreamEvent> _recentEvents = [];
    private long _firstRecentSeq = 1;

    /// <summary>The last folded slot's run while the recent events may still extend it.</summary>
    private PatchRun? _openRun;

    /// <summary>Creates an empty history that keeps at least <paramref name="recentEvents"/> latest events as appended.</summary>
    public StreamHistory(int recentEvents = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recentEvents, 1);
        _recent = recentEvents;
    }

    /// <summary>
    /// Restores a history from the folded events another history exported (<see cref="ExportFolded"/>); the events
    /// after the last of them are appended next, as usual.
    /// </summary>
    public StreamHistory(IEnumerable<FoldedEvent> folded, int recentEvents = 64)
        : this(recentEvents)
    {
        ArgumentNullException.ThrowIfNull(folded);
        foreach (var slot in folded)
        {
            if (slot.FirstSeq > slot.Event.Seq || slot.FirstSeq != _firstRecentSeq || (slot.FirstSeq < slot.Event.Seq && slot.Event.Event is not PatchEvent))
            {
                throw new ArgumentException($"Folded events must follow each other from seq 1; got {slot.FirstSeq}..{slot.Event.Seq} after {_firstRecentSeq - 1}.", nameof(folded));
            }

            _folded.Add(new Slot(slot.FirstSeq, slot.Event.Seq, slot.Event.Event));
            _firstRecentSeq = slot.Event.Seq + 1;
            IsFinished = slot.Event.Event is FinalEvent;
        }
    }

    /// <summary>The seq of the last event (0 before the first).</summary>
    public long LastSeq => _firstRecentSeq + _recentEvents.Count - 1;

    /// <summary>Whether the <c>final</c> event has been appended.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>How many events are held as they were appended (the rest are folded).</summary>
    public int RecentCount => _recentEvents.Count;

    /// <summary>How many slots hold the folded events: one per event that is not a patch, one per run of patches.</summary>
    public int FoldedCount => _folded.Count;

    /// <summary>Appends an event and returns its seq.</summary>
    /// <exception cref="InvalidOperationException">The stream already ended with <c>final</c>.</exception>
    public long Append(StreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        if (IsFinished)
        {
            throw new InvalidOperationException("The stream has already ended with its final event.");
        }

        _recentEvents.Add(streamEvent);
        if (streamEvent is FinalEvent)
        {
            // Nobody reads live any more: everything before the final event can be folded.
            IsFinished = true;
            Fold(_recentEvents.Count - 1);
        }
        else if (_recentEvents.Count >= 2 * _recent)
        {
            // Folding half at a time keeps the cost amortized O(1) per event.
            Fold(_recentEvents.Count - _recent);
        }

        return LastSeq;
    }

    /// <summary>
    /// Up to <paramref name="max"/> events after <paramref name="after"/>, in seq order. Seqs skip where runs were
    /// folded; the object after each returned event is the stream's object at that event's seq.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The cursor is negative or past the last event.</exception>
    public IReadOnlyList<SequencedEvent> Read(long after, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (after > LastSeq)
        {
            throw new ArgumentOutOfRangeException(nameof(after), after, $"The stream has {LastSeq} events; there is no event {after} to read after.");
        }

        var batch = new List<SequencedEvent>(Math.Min(max, 64));
        var i = FirstFoldedAfter(after);
        if (i < _folded.Count && _folded[i].FirstSeq <= after)
        {
            batch.Add(new SequencedEvent(_folded[i].Seq, ObjectAt(i)));
            i++;
        }

        for (; i < _folded.Count && batch.Count < max; i++)
        {
            batch.Add(new SequencedEvent(_folded[i].Seq, EventOf(i)));
        }

        for (var r = (int)Math.Max(0, after + 1 - _firstRecentSeq); r < _recentEvents.Count && batch.Count < max; r++)
        {
            batch.Add(new SequencedEvent(_firstRecentSeq + r, _recentEvents[r]));
        }

        return batch;
    }

    /// <summary>The seq of the last folded event (0 when none is): events up to it are read from the folded slots.</summary>
    public long LastFoldedSeq => _firstRecentSeq - 1;

    /// <summary>The folded slots in seq order, for a history elsewhere to restore (a shared log's readers).</summary>
    public IReadOnlyList<FoldedEvent> ExportFolded()
    {
        var slots = new FoldedEvent[_folded.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new FoldedEvent(_folded[i].FirstSeq, new SequencedEvent(_folded[i].Seq, EventOf(i)));
        }

        return slots;
    }

    private void Fold(int count)
    {
        for (var r = 0; r < count; r++)
        {
            var seq = _firstRecentSeq + r;
            if (_recentEvents[r] is PatchEvent patch)
            {
                if (_openRun is null)
                {
                    _openRun = new PatchRun();
                    _folded.Add(new Slot(seq, seq, null));
                }

                _openRun.Add(patch.Ops);
                _folded[^1] = _folded[^1] with { Seq = seq };
                continue;
            }

            CloseRun();
            _folded.Add(new Slot(seq, seq, _recentEvents[r]));
        }

        _recentEvents.RemoveRange(0, count);
        _firstRecentSeq += count;
        if (IsFinished)
        {
            CloseRun();
        }
    }

    private void CloseRun()
    {
        if (_openRun is not null)
        {
            _folded[^1] = _folded[^1] with { Event = _openRun.Close() };
            _openRun = null;
        }
    }

    private StreamEvent EventOf(int slot) => _folded[slot].Event ?? _openRun!.ToEvent();

    /// <summary>The object at the end of folded slot <paramref name="slot"/>, as one patch that replaces the root.</summary>
    private PatchEvent ObjectAt(int slot)
    {
        // Rare (a reader that was cut off mid-run), and O(object) like the object it sends.
        DocumentNode document = LiteralNode.Null;
        for (var i = 0; i <= slot; i++)
        {
            if (EventOf(i) is PatchEvent patch)
            {
                document = PatchApplier.Apply(document, patch.Ops);
            }
        }

        return new PatchEvent([new PatchOperation(PatchOperationKind.Add, "", document)]);
    }

    private int FirstFoldedAfter(long after)
    {
        int low = 0, high = _folded.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_folded[mid].Seq <= after)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Folded events: <paramref name="FirstSeq"/>..<paramref name="Seq"/> for a run; null event while the run is open.</summary>
    private readonly record struct Slot(long FirstSeq, long Seq, StreamEvent? Event);
}
