using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Streaming;

/// <summary>
/// Holds the <c>patch</c> and <c>complete</c> events of consecutive model chunks and gives them back as one <c>patch</c>
/// and one <c>complete</c>: growth of one string becomes one op, and a value that opens and fills in the meantime
/// arrives as one <c>add</c> of what it holds. Every path still gets its <c>complete</c>, after the ops, which is where
/// guarantee 6 of the protocol allows it (no op touches a completed path). Applying the merged events gives the object
/// the held ones give, so a service may send fewer, larger events (fewer envelopes on the wire) for a little latency.
/// </summary>
public sealed class EventCoalescer
{
    private readonly List<string> _completed = [];
    private PatchRun? _run;

    /// <summary>Whether nothing is held.</summary>
    public bool IsEmpty => _run is null && _completed.Count == 0;

    /// <summary>
    /// Takes every event of <paramref name="batch"/> and clears it, when all are patches or completes; leaves a batch
    /// with anything else (a status, an error, the end) as it is, and returns <see langword="false"/>.
    /// </summary>
    public bool TryTake(List<StreamEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var e in batch)
        {
            if (e is not (PatchEvent or CompleteEvent))
            {
                return false;
            }
        }

        foreach (var e in batch)
        {
            if (e is PatchEvent patch)
            {
                (_run ??= new PatchRun()).Add(patch.Ops);
            }
            else
            {
                _completed.AddRange(((CompleteEvent)e).Paths);
            }
        }

        batch.Clear();
        return true;
    }

    /// <summary>Puts what is held, merged, before the events of <paramref name="batch"/>, and holds nothing after.</summary>
    public void MoveTo(List<StreamEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var at = 0;
        if (_run is not null)
        {
            batch.Insert(at++, _run.Close());
            _run = null;
        }

        if (_completed.Count > 0)
        {
            batch.Insert(at, new CompleteEvent([.. _completed]));
            _completed.Clear();
        }
    }
}
