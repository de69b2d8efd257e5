using System.Diagnostics;
using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Protocol;

namespace StructuredStream.Patching;

/// <summary>
/// Turns parser tokens into JSON Patch operations and completion marks, and keeps the partial document those
/// operations build. Operations are batched until <see cref="Flush(IStreamEventTarget)"/>; within a batch a string's growth is one op.
/// </summary>
/// <remarks>
/// The document is updated as tokens arrive, so after each <see cref="Flush(IStreamEventTarget)"/> it equals the result of applying every
/// patch emitted so far to <c>null</c>. Not thread safe.
/// </remarks>
public sealed class PatchEmitter
{
    private readonly PatchMode _mode;
    private readonly RepairLog _repairs;
    private OperationBatch<PatchOperationView> _pending = new(8);
    private readonly StreamEventCollection _objects = new();
    private OperationBatch<string> _completed = new(8);
    private Frame[] _frames = new Frame[8];
    private int _depth;
    private DocumentNode _root = LiteralNode.Null;
    private StringNode? _string;
    private string _stringPath = "";

    /// <summary>The value being held back until it is complete, and the member name it will take.</summary>
    private DocumentNode? _held;

    private string? _heldName;
    private long _heldOffset;

    /// <summary>Creates an emitter.</summary>
    public PatchEmitter(PatchMode mode = PatchMode.Append, RepairLog? repairs = null)
    {
        _mode = mode;
        _repairs = repairs ?? new RepairLog();
    }

    /// <summary>The partial document built so far (JSON <c>null</c> before the first value).</summary>
    public DocumentNode Document => _root;

    /// <summary>Whether operations or completions wait for <see cref="Flush(IStreamEventTarget)"/>.</summary>
    public bool HasPending => _pending.Count > 0 || _completed.Count > 0;

    /// <summary>Takes one token; <paramref name="offset"/> is where its chunk began, for repairs.</summary>
    /// <param name="token">The token.</param>
    /// <param name="offset">Where the token's chunk began, for repairs.</param>
    /// <param name="hold">
    /// For a token that starts a string, array or object: send the value whole, in one <c>add</c>, when it ends, instead
    /// of as it grows. Values inside a held value are held with it.
    /// </param>
    public void Accept(in JsonToken token, long offset, bool hold = false)
    {
        switch (token.Kind)
        {
            case JsonTokenKind.StartObject:
            case JsonTokenKind.StartArray:
            {
                var isObject = token.Kind == JsonTokenKind.StartObject;
                DocumentNode node = isObject ? new ObjectNode() : new ArrayNode();
                var path = Start(node, offset, hold);
                if (!Holding)
                {
                    _pending.Add(new PatchOperationView(PatchOperationKind.Add, path, isObject ? new ObjectNode() : new ArrayNode()));
                }

                if (_depth == _frames.Length)
                {
                    Array.Resize(ref _frames, _depth * 2);
                }

                _frames[_depth++] = new Frame(node, path);
                break;
            }

            case JsonTokenKind.EndObject:
            case JsonTokenKind.EndArray:
                Debug.Assert(_depth > 0, "a container closed that was never opened");
                var closed = _frames[--_depth];
                _frames[_depth] = default;
                End(closed.Node, closed.Path);
                break;
            case JsonTokenKind.PropertyName:
                AcceptName(token.Text.ToString());
                break;
            case JsonTokenKind.StringStart:
                _string = new StringNode();
                _stringPath = Start(_string, offset, hold);
                if (!Holding)
                {
                    _pending.Add(new PatchOperationView(PatchOperationKind.Add, _stringPath, _string, 0));
                }

                break;
            case JsonTokenKind.StringSegment:
                Debug.Assert(_string is not null, "a string segment outside a string");
                var start = _string.Length;
                _string.Append(token.Text);
                if (!Holding && (_pending.Count == 0 || !ReferenceEquals(_pending.Last.TextNode, _string)))
                {
                    _pending.Add(_mode == PatchMode.Append
                        ? new PatchOperationView(PatchOperationKind.Append, _stringPath, _string, start)
                        : new PatchOperationView(PatchOperationKind.Replace, _stringPath, _string, 0));
                }

                break;
            case JsonTokenKind.StringEnd:
                Debug.Assert(_string is not null, "a string ended that never started");
                End(_string, _stringPath);
                _string = null;
                break;
            case JsonTokenKind.Number:
            case JsonTokenKind.True:
            case JsonTokenKind.False:
            case JsonTokenKind.Null:
            {
                var node = token.Kind switch
                {
                    JsonTokenKind.Number => LiteralNode.Number(token.Text.ToString()),
                    JsonTokenKind.True => LiteralNode.True,
                    JsonTokenKind.False => LiteralNode.False,
                    _ => LiteralNode.Null,
                };
                var path = Start(node, offset, hold: false);
                if (!Holding)
                {
                    _pending.Add(new PatchOperationView(PatchOperationKind.Add, path, node));
                    _completed.Add(path);
                }

                break;
            }
        }
    }

    /// <summary>
    /// Takes the name of the next member, the same as <see cref="Accept"/> with its <see cref="JsonTokenKind.PropertyName"/>
    /// token, for a caller that already holds it as a string.
    /// </summary>
    public void AcceptName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Debug.Assert(_depth > 0, "a member name outside an object");
        _frames[_depth - 1].Name = name;
    }

    /// <summary>Adds a <c>patch</c> event for the batched operations, then a <c>complete</c> event for the closed paths.</summary>
    public void Flush(ICollection<StreamEvent> output) => Flush(_objects.For(output));

    /// <summary>
    /// Hands the batched operations to <paramref name="output"/> as one <c>patch</c>, then the closed paths as one
    /// <c>complete</c>. Within a batch a string's growth is one operation, and its text is read when the target reads it.
    /// </summary>
    public void Flush(IStreamEventTarget output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_pending.Count > 0)
        {
            output.AddPatch(_pending.Items);
            _pending.Empty();
        }

        if (_completed.Count > 0)
        {
            output.AddComplete(_completed.Items);
            _completed.Empty();
        }
    }

    /// <summary>Whether a value is being held back until it is complete.</summary>
    private bool Holding => _held is not null;

    /// <summary>
    /// Puts a new value where the grammar says it goes and returns its JSON Pointer. A value to hold is not attached
    /// to its parent yet: it joins the document, whole, when it ends.
    /// </summary>
    private string Start(DocumentNode node, long offset, bool hold)
    {
        if (_depth == 0)
        {
            if (hold)
            {
                _held = node;
                return "";
            }

            _root = node;
            return "";
        }

        ref var parent = ref _frames[_depth - 1];
        if (hold && !Holding)
        {
            _held = node;
            _heldOffset = offset;
            _heldName = parent.Name;
            parent.Name = null;
            return parent.Node is ArrayNode list ? JsonPointer.Append(parent.Path, list.Count) : JsonPointer.Append(parent.Path, _heldName!);
        }

        var path = parent.Node is ArrayNode array ? JsonPointer.Append(parent.Path, array.Count) : JsonPointer.Append(parent.Path, parent.Name!);
        Attach(ref parent, parent.Name, node, offset);
        parent.Name = null;
        return path;
    }

    /// <summary>A value is complete: it is marked so, and a held value joins the document in one <c>add</c>.</summary>
    private void End(DocumentNode node, string path)
    {
        if (!ReferenceEquals(node, _held))
        {
            if (!Holding)
            {
                _completed.Add(path);
            }

            return;
        }

        _held = null;
        if (_depth == 0)
        {
            _root = node;
        }
        else
        {
            Attach(ref _frames[_depth - 1], _heldName, node, _heldOffset);
        }

        _heldName = null;
        _pending.Add(new PatchOperationView(PatchOperationKind.Add, path, node));
        _completed.Add(path);
    }

    private void Attach(ref Frame parent, string? name, DocumentNode node, long offset)
    {
        if (parent.Node is ArrayNode array)
        {
            array.Add(node);
            return;
        }

        Debug.Assert(name is not null, "a member value without a name");
        if (((ObjectNode)parent.Node).Set(name, node))
        {
            // Last one wins, as in JavaScript; "add" on an existing member replaces it (RFC 6902 section 4.1).
            _repairs.Record(RepairKind.DuplicateKey, offset);
        }
    }

    /// <summary>An open container, its pointer, and the member name waiting for its value.</summary>
    private struct Frame(DocumentNode node, string path)
    {
        public DocumentNode Node { get; } = node;

        public string Path { get; } = path;

        public string? Name { get; set; }
    }
}
