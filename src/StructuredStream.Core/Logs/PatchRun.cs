using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// The operations of consecutive <c>patch</c> events merged into one list: a string's successive growth (an
/// <c>append</c>, or a strict <c>replace</c>, right after an op at the same path) becomes one op. Applying the merged
/// list gives the same object as applying the originals in order. Appends grow a string of the run's own in place,
/// so merging is amortized O(1) per character however long the run gets.
/// </summary>
internal sealed class PatchRun
{
    private readonly List<PatchOperation> _ops = [];

    /// <summary>The value of the last op when this run made it; the only value it ever writes to.</summary>
    private StringNode? _growing;

    /// <summary>Whether no op has been added.</summary>
    public bool IsEmpty => _ops.Count == 0;

    /// <summary>Adds the operations of the next patch event of the run.</summary>
    public void Add(IReadOnlyList<PatchOperation> operations)
    {
        foreach (var op in operations)
        {
            Add(op);
        }
    }

    /// <summary>
    /// The merged patch as it stands, sharing nothing the run may still change, so it can be written out while the
    /// run goes on growing.
    /// </summary>
    public PatchEvent ToEvent()
    {
        var ops = _ops.ToArray();
        if (_growing is not null)
        {
            ops[^1] = ops[^1] with { Value = new StringNode(_growing.Value) };
        }

        return new PatchEvent(ops);
    }

    /// <summary>The merged patch, ending the run: nothing is copied and the run must not be used again.</summary>
    public PatchEvent Close()
    {
        _growing = null;
        return new PatchEvent(_ops);
    }

    private void Add(PatchOperation op)
    {
        if (_ops.Count > 0 && _ops[^1] is { Value: StringNode before } last && last.Path == op.Path
            && last.Op is PatchOperationKind.Add or PatchOperationKind.Replace or PatchOperationKind.Append
            && op.Value is StringNode after)
        {
            if (op.Op == PatchOperationKind.Append)
            {
                if (!ReferenceEquals(before, _growing))
                {
                    // The value came with an event that readers may still hold: grow a copy of it instead.
                    _growing = new StringNode(before.Value);
                    _ops[^1] = last with { Value = _growing };
                }

                _growing.Append(after.AsSpan());
                return;
            }

            // A strict-mode replace carries the whole string: it supersedes the op before it, keeping that op's kind
            // so an add that created the member still creates it.
            if (op.Op == PatchOperationKind.Replace && last.Op != PatchOperationKind.Append)
            {
                _ops[^1] = last with { Value = after };
                _growing = null;
                return;
            }
        }

        _ops.Add(op);
        _growing = null;
    }
}
