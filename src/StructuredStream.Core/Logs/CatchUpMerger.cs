using StructuredStream.Documents;
using StructuredStream.Patching;
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
        List<PatchOperation>? ops = null;
        long runSeq = 0;
        foreach (var item in batch)
        {
            if (item.Event is PatchEvent patch)
            {
                ops ??= [];
                foreach (var op in patch.Ops)
                {
                    Add(ops, op);
                }

                runSeq = item.Seq;
                continue;
            }

            if (ops is not null)
            {
                merged.Add(new SequencedEvent(runSeq, new PatchEvent(ops)));
                ops = null;
            }

            merged.Add(item);
        }

        if (ops is not null)
        {
            merged.Add(new SequencedEvent(runSeq, new PatchEvent(ops)));
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

    private static void Add(List<PatchOperation> ops, PatchOperation op)
    {
        if (ops.Count > 0 && ops[^1] is { Value: StringNode before } last && last.Path == op.Path
            && last.Op is PatchOperationKind.Add or PatchOperationKind.Replace or PatchOperationKind.Append
            && op.Value is StringNode after)
        {
            if (op.Op == PatchOperationKind.Append)
            {
                ops[^1] = last with { Value = new StringNode(before.Value + after.Value) };
                return;
            }

            // A strict-mode replace carries the whole string: it supersedes the op before it, keeping that op's kind
            // so an add that created the member still creates it.
            if (op.Op == PatchOperationKind.Replace && last.Op != PatchOperationKind.Append)
            {
                ops[^1] = last with { Value = after };
                return;
            }
        }

        ops.Add(op);
    }
}
