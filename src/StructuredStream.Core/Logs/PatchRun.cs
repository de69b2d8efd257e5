using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Logs;

/// <summary>
/// The operations of consecutive <c>patch</c> events merged into as few as they can be: a string's successive growth (an
/// <c>append</c>, or a strict <c>replace</c>, after an op at the same path) becomes one op, and an op inside a value the
/// run itself added (a member of an object added empty, the text of a string added short) changes that value instead of
/// adding an op, so an object that opens and fills within the run arrives as one <c>add</c> of what it holds. Applying
/// the merged list gives the same object as applying the originals in order. Values the run changes are its own copies,
/// never the ones in the events it was given, and growing them is amortized O(1) per character however long the run gets.
/// </summary>
internal sealed class PatchRun
{
    private readonly List<PatchOperation> _ops = [];

    /// <summary>
    /// The values the run owns by the path they have in the document once its ops are applied: containers and strings
    /// its own <c>add</c>s and <c>replace</c>s created (copies, so changing them changes no event a reader holds).
    /// </summary>
    private readonly Dictionary<string, DocumentNode> _owned = new(StringComparer.Ordinal);

    /// <summary>For an owned value that is the whole value of one of <see cref="_ops"/>: that op's index.</summary>
    private readonly Dictionary<string, int> _opAt = new(StringComparer.Ordinal);

    /// <summary>The value of the last op when it is an <c>append</c> this run grows (a copy of the first suffix).</summary>
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
        foreach (var index in _opAt.Values)
        {
            ops[index] = ops[index] with { Value = ops[index].Value!.DeepClone() };
        }

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
        _owned.Clear();
        _opAt.Clear();
        return new PatchEvent(_ops);
    }

    private void Add(PatchOperation op)
    {
        switch (op.Op)
        {
            case PatchOperationKind.Append when op.Value is StringNode suffix:
                Append(op, suffix);
                return;
            case PatchOperationKind.Add or PatchOperationKind.Replace when op.Value is not null:
                AddOrReplace(op, op.Value);
                return;
            default:
                // Not an op the engine sends (remove, move, copy, test): keep it as it is, and fold nothing after it
                // into what came before, whose values it may have moved or removed.
                Push(op);
                _owned.Clear();
                _opAt.Clear();
                return;
        }
    }

    private void Append(PatchOperation op, StringNode suffix)
    {
        if (_owned.TryGetValue(op.Path, out var owned) && owned is StringNode text)
        {
            text.Append(suffix.AsSpan());
            return;
        }

        if (_ops.Count > 0 && _ops[^1] is { Op: PatchOperationKind.Append } last && last.Path == op.Path)
        {
            if (_growing is null)
            {
                // The suffix came with an event that readers may still hold: grow a copy of it instead.
                _growing = new StringNode(((StringNode)last.Value!).Value);
                _ops[^1] = last with { Value = _growing };
            }

            _growing.Append(suffix.AsSpan());
            return;
        }

        Push(op);
    }

    private void AddOrReplace(PatchOperation op, DocumentNode value)
    {
        var path = op.Path;
        var slash = path.LastIndexOf('/');
        if (slash >= 0 && _owned.TryGetValue(path[..slash], out var parent) && parent is ObjectNode or ArrayNode)
        {
            if (parent is ArrayNode list && op.Op == PatchOperationKind.Add && InsertsBefore(list, path[(slash + 1)..]))
            {
                // An element put before others moves them, and the paths the run owns with them: the engine never
                // does that (it adds at the end), so the op stays as it is and nothing after it folds into what came before.
                Push(op);
                _owned.Clear();
                _opAt.Clear();
                return;
            }

            if (parent is ArrayNode end && op.Op == PatchOperationKind.Add && path[(slash + 1)..] == "-")
            {
                // Spec: RFC 6901 section 4, "-" is the element past the last: the run owns the new one by its index.
                path = JsonPointer.Append(path[..slash], end.Count);
            }

            var copy = Own(path, value.DeepClone());
            SetInto(parent, path, slash, copy, op.Op);
            return;
        }

        // A strict-mode replace carries the whole string: it supersedes the value of the op that made it, keeping that
        // op's kind, so an add that created the member still creates it.
        if (op.Op == PatchOperationKind.Replace && _opAt.TryGetValue(path, out var index))
        {
            var copy = Own(path, value.DeepClone());
            _ops[index] = _ops[index] with { Value = copy };
            if (_owned.ContainsKey(path))
            {
                // Only a container or a string is folded into later: a number or a literal is left to the ops after it.
                _opAt[path] = index;
            }

            return;
        }

        if (value is ObjectNode or ArrayNode or StringNode)
        {
            var copy = Own(path, value.DeepClone());
            Push(op with { Value = copy });
            _opAt[path] = _ops.Count - 1;
            return;
        }

        Forget(path);
        Push(op);
    }

    /// <summary>Whether adding at <paramref name="token"/> puts the element before others of <paramref name="array"/>.</summary>
    private static bool InsertsBefore(ArrayNode array, string token) =>
        JsonPointer.TryParseIndex(token, out var index) && index < array.Count;

    private static void SetInto(DocumentNode parent, string path, int slash, DocumentNode value, PatchOperationKind kind)
    {
        var name = JsonPointer.Parse(path[slash..])[0];
        if (parent is ObjectNode obj)
        {
            obj.Set(name, value);
            return;
        }

        var array = (ArrayNode)parent;
        if (!JsonPointer.TryParseIndex(name, out var index) || index > array.Count || (kind == PatchOperationKind.Replace && index == array.Count))
        {
            throw new PatchException($"Cannot {PatchOperation.WireName(kind)} at '{path}': the array has {array.Count} elements.");
        }

        if (kind == PatchOperationKind.Replace)
        {
            array[index] = value;
        }
        else
        {
            array.Insert(index, value);
        }
    }

    /// <summary>
    /// Notes that the run owns <paramref name="value"/> at <paramref name="path"/>, and every container and string in it,
    /// forgetting what it held there. Every value below an owned one is owned too, so an op at or below it is always
    /// folded in, never left after it where folding a later op into it would reorder them.
    /// </summary>
    private DocumentNode Own(string path, DocumentNode value)
    {
        Forget(path);
        Register(path, value);
        return value;
    }

    private void Register(string path, DocumentNode value)
    {
        switch (value)
        {
            case ObjectNode obj:
                _owned[path] = obj;
                foreach (var (name, member) in obj.Members)
                {
                    Register(JsonPointer.Append(path, name), member);
                }

                break;
            case ArrayNode array:
                _owned[path] = array;
                for (var i = 0; i < array.Count; i++)
                {
                    Register(JsonPointer.Append(path, i), array[i]);
                }

                break;
            case StringNode:
                _owned[path] = value;
                break;
        }
    }

    /// <summary>Forgets the values owned at and below <paramref name="path"/>: a new value takes their place.</summary>
    private void Forget(string path)
    {
        _opAt.Remove(path);
        if (!_owned.Remove(path))
        {
            return;
        }

        List<string>? below = null;
        foreach (var key in _owned.Keys)
        {
            if (key.Length > path.Length && key[path.Length] == '/' && key.StartsWith(path, StringComparison.Ordinal))
            {
                (below ??= []).Add(key);
            }
        }

        if (below is not null)
        {
            foreach (var key in below)
            {
                _owned.Remove(key);
                _opAt.Remove(key);
            }
        }
    }

    private void Push(PatchOperation op)
    {
        _ops.Add(op);
        _growing = null;
    }
}
