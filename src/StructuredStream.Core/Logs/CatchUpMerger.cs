using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// Merges the events a reader missed: a run of consecutive <c>patch</c> events becomes one, carrying the seq of the
/// last, and within it a string's successive growth (an <c>append</c>, or a strict <c>replace</c>, after an op at the
/// same path) becomes one op. Applying the merged events gives the same object as applying the originals
/// (protocol guarantee 7), so a slow reader costs the server nothing per token.
/// </summary>
public static class CatchUpMerger
{
    /// <summary>The events of <paramref name="batch"/>, merged; a batch without two patches in a row is returned as is.</summary>
    public static IReadOnlyList<SequencedEvent> Merge(IReadOnlyList<SequencedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!HasAdjacentPatches(batch))
        {
            return batch;
        }

        var merged = new List<SequencedEvent>(batch.Count);
        PatchRun? run = null;
        long runSeq = 0;
        foreach (var item in batch)
        {
            if (item.Event is PatchEvent patch)
            {
                run ??= new PatchRun();
                run.Add(patch.Ops);
                runSeq = item.Seq;
                continue;
            }

            if (run is not null)
            {
                merged.Add(new SequencedEvent(runSeq, run.Close()));
                run = null;
            }

            merged.Add(item);
        }

        if (run is not null)
        {
            merged.Add(new SequencedEvent(runSeq, run.Close()));
        }

        return merged;
    }

    private static bool HasAdjacentPatches(IReadOnlyList<SequencedEvent> batch)
    {
        for (var i = 1; i < batch.Count; i++)
        {
            if (batch[i].Event is PatchEvent && batch[i - 1].Event is PatchEvent)
            {
                return true;
            }
        }

        return false;
    }
}
