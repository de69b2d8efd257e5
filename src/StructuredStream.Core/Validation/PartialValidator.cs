using System.Buffers;
using System.Diagnostics;
using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Schemas;

namespace StructuredStream.Validation;

/// <summary>
/// Answers, token by token, "can this prefix still become valid?": each token is checked before it reaches the
/// document, and a violation is reported at the first token that makes it provable.
/// </summary>
/// <remarks>
/// Every value being written is checked against every subschema that applies to it (<c>allOf</c>, <c>$ref</c>,
/// each <c>anyOf</c>/<c>oneOf</c> alternative), so alternatives narrow as evidence arrives and a composition fails only
/// when all of its alternatives have. Only what is certain is reported: keywords this validator does not check
/// (see <see cref="SchemaKeywords.CheckedWhileStreaming"/>) and <c>oneOf</c> matching more than one alternative are
/// left to the final validation. Work is O(1) per token per applicable subschema. Not thread safe.
/// </remarks>
public sealed partial class PartialValidator : IDisposable
{
    private readonly CompiledSchema _schema;
    private readonly List<SchemaCheck> _checks = [];
    private readonly Stack<SchemaCheck> _pool = new();
    private readonly ValueCapture _capture = new();
    private Frame[] _frames = new Frame[8];
    private int _depth;
    private ICollection<ValidationError> _violations = [];

    /// <summary>Pooled text of the string being read, kept only when a check or a capture needs it.</summary>
    private char[] _text = [];

    private int _textLength;
    private bool _keepText;

    /// <summary>
    /// The text elements of the string being read, counted from its kept text only when a length keyword is in doubt:
    /// there are never more of them than code points, so a string within its length in code points is never segmented.
    /// </summary>
    private readonly TextElementCounter _elements = new();

    /// <summary>How much of the kept text <see cref="_elements"/> has read.</summary>
    private int _elementsRead;

    /// <summary>The code points of the string being read.</summary>
    private int _codePoints;

    /// <summary>Creates a validator for one stream.</summary>
    public PartialValidator(CompiledSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    /// <summary>
    /// Checks a token before it changes the document. Violations it proves are added to <paramref name="violations"/>.
    /// </summary>
    /// <returns>Whether the value this token starts must be sent whole, when complete, rather than as it grows.</returns>
    /// <exception cref="System.Text.RegularExpressions.RegexMatchTimeoutException">A <c>pattern</c> ran past its time-out.</exception>
    public bool Accept(in JsonToken token, ICollection<ValidationError> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        _violations = violations;
        switch (token.Kind)
        {
            case JsonTokenKind.StartObject:
                return StartValue(JsonTypes.Object, token);
            case JsonTokenKind.StartArray:
                return StartValue(JsonTypes.Array, token);
            case JsonTokenKind.StringStart:
                return StartValue(JsonTypes.String, token);
            case JsonTokenKind.Number:
            case JsonTokenKind.True:
            case JsonTokenKind.False:
            case JsonTokenKind.Null:
                StartValue(token.Kind == JsonTokenKind.Number ? JsonTypes.Number : token.Kind == JsonTokenKind.Null ? JsonTypes.Null : JsonTypes.Boolean, token);
                EndValue();
                return false;
            case JsonTokenKind.PropertyName:
                AcceptName(token.Text.ToString());
                return false;
            case JsonTokenKind.StringSegment:
                AcceptSegment(token.Text);
                return false;
            case JsonTokenKind.StringEnd:
            case JsonTokenKind.EndObject:
            case JsonTokenKind.EndArray:
                EndValue();
                return false;
            default:
                return false;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_text.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_text);
            _text = [];
        }
    }

    private bool StartValue(JsonTypes type, in JsonToken token)
    {
        var first = _checks.Count;
        if (_depth == 0)
        {
            AddCheck(_schema.Root, null, CheckLink.Root, 0);
        }
        else
        {
            AddChildChecks(ref _frames[_depth - 1], first);
        }

        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _depth * 2);
        }

        // Where the value sits in its parent: a member name or an item index (the root has neither).
        string? member = null;
        var index = -1;
        var captured = _capture.IsActive;
        if (_depth > 0)
        {
            ref var parent = ref _frames[_depth - 1];
            member = parent.Type == JsonTypes.Object ? parent.Name : null;
            index = parent.Type == JsonTypes.Array ? parent.Count - 1 : -1;
            captured |= parent.ComparesItems;
        }

        _frames[_depth] = new Frame(first, type, member, index);
        ref var frame = ref _frames[_depth++];
        var hold = false;
        var last = _checks.Count;
        for (var i = first; i < last; i++)
        {
            var check = _checks[i];
            CheckStart(check, type, token);
            var schema = check.Schema;
            hold |= !check.Dead && (schema.Streaming == StreamingMode.Atomic || (type == JsonTypes.String && schema.HoldsStrings));
            frame.ComparesItems |= schema.UniqueItems && type == JsonTypes.Array && !check.Dead;
            captured |= schema.ComparesWholeValues && !check.Dead;
            _keepText |= type == JsonTypes.String && (schema.NeedsStringText || (!check.Dead && (schema.MaxLength is not null || schema.MinLength > 1)));
        }

        frame.Captured = captured;
        if (type == JsonTypes.String)
        {
            _textLength = 0;
            _keepText |= captured;
            _codePoints = 0;
            _elementsRead = 0;
            _elements.Reset();
        }

        if (captured)
        {
            Capture(type, token);
        }

        return hold;
    }

    private void AddChildChecks(ref Frame parent, int parentEnd)
    {
        string? name = null;
        var index = 0;
        if (parent.Type == JsonTypes.Object)
        {
            name = parent.Name;
            Debug.Assert(name is not null, "a member value without a name");
        }
        else
        {
            index = parent.Count++;
        }

        for (var i = parent.FirstCheck; i < parentEnd; i++)
        {
            var check = _checks[i];
            if (check.Dead)
            {
                continue;
            }

            var schema = check.Schema;
            if (name is null)
            {
                check.Count++;
                if (schema.MaxItems is { } maxItems && check.Count > maxItems && !check.Failed)
                {
                    Fail(check, "maxItems", $"More than {maxItems} item{(maxItems == 1 ? "" : "s")}.");
                    continue;
                }

                var item = schema.PrefixItems is { } prefix && index < prefix.Length ? prefix[index] : schema.Items;
                if (item is not null)
                {
                    AddCheck(item, check, CheckLink.Child, _depth);
                }

                continue;
            }

            var matched = false;
            if (schema.Properties is { } properties && properties.TryGetValue(name, out var property))
            {
                AddCheck(property, check, CheckLink.Child, _depth);
                matched = true;
            }

            if (schema.PatternProperties is { } patterns)
            {
                foreach (var pattern in patterns)
                {
                    if (pattern.Pattern.IsMatch(name))
                    {
                        AddCheck(pattern.Schema, check, CheckLink.Child, _depth);
                        matched = true;
                    }
                }
            }

            // "additionalProperties": false is reported by the name alone (CheckName), not again by the value.
            if (!matched && schema.AdditionalProperties is { Nothing: false } additional)
            {
                AddCheck(additional, check, CheckLink.Child, _depth);
            }
        }
    }

    /// <summary>Adds a check of the value at <paramref name="depth"/> and, for its compositions, one per subschema.</summary>
    private void AddCheck(SchemaNode schema, SchemaCheck? parent, CheckLink link, int depth)
    {
        var check = (_pool.Count > 0 ? _pool.Pop() : new SchemaCheck()).Reset(schema, parent, link, depth);
        _checks.Add(check);
        AddCompositionChecks(check, schema.AllOf, CheckLink.AllOf, depth);
        AddCompositionChecks(check, schema.AnyOf, CheckLink.AnyOf, depth);
        AddCompositionChecks(check, schema.OneOf, CheckLink.OneOf, depth);
    }

    private void AddCompositionChecks(SchemaCheck check, SchemaNode[]? schemas, CheckLink link, int depth)
    {
        if (schemas is null)
        {
            return;
        }

        foreach (var schema in schemas)
        {
            // A subschema that refers back to itself for the same value ("$ref": "#") adds nothing new: checking it
            // again would never end, and it holds exactly when the check already under way does.
            if (!IsApplying(check, schema))
            {
                AddCheck(schema, check, link, depth);
            }
        }
    }

    private static bool IsApplying(SchemaCheck check, SchemaNode schema)
    {
        for (SchemaCheck? current = check; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current.Schema, schema))
            {
                return true;
            }

            if (current.Link is CheckLink.Child or CheckLink.Root)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Checks a member name, the same as <see cref="Accept"/> with its <see cref="JsonTokenKind.PropertyName"/> token,
    /// for a caller that already holds the name as a string (the stream's builder shares one with the document).
    /// </summary>
    public void AcceptName(string name, ICollection<ValidationError> violations)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(violations);
        _violations = violations;
        AcceptName(name);
    }

    private void AcceptName(string name)
    {
        ref var frame = ref _frames[_depth - 1];
        Debug.Assert(frame.Type == JsonTypes.Object, "a name outside an object");
        frame.Name = name;
        var end = _checks.Count;
        for (var i = frame.FirstCheck; i < end; i++)
        {
            CheckName(_checks[i], name);
        }

        if (frame.Captured)
        {
            _capture.Name(name);
        }
    }

    private void AcceptSegment(ReadOnlySpan<char> segment)
    {
        ref var frame = ref _frames[_depth - 1];
        // Segments never split a surrogate pair, so each low surrogate ends a code point. A vectorized search finds the
        // first, and most text has none.
        var codePoints = segment.Length;
        for (var at = segment.IndexOfAnyInRange('\uDC00', '\uDFFF'); at >= 0; at = NextLowSurrogate(segment, at + 1))
        {
            codePoints--;
        }

        _codePoints += codePoints;
        var offset = _textLength;
        _textLength += segment.Length;
        if (_keepText)
        {
            if (_text.Length < _textLength)
            {
                var grown = ArrayPool<char>.Shared.Rent(Math.Max(_textLength, Math.Max(256, _text.Length * 2)));
                _text.AsSpan(0, offset).CopyTo(grown);
                if (_text.Length > 0)
                {
                    ArrayPool<char>.Shared.Return(_text);
                }

                _text = grown;
            }

            segment.CopyTo(_text.AsSpan(offset));
        }

        var end = _checks.Count;
        for (var i = frame.FirstCheck; i < end; i++)
        {
            CheckSegment(_checks[i], segment, offset);
        }
    }

    private static int NextLowSurrogate(ReadOnlySpan<char> segment, int from)
    {
        var next = segment[from..].IndexOfAnyInRange('\uDC00', '\uDFFF');
        return next < 0 ? -1 : from + next;
    }

    /// <summary>
    /// The text elements of the string so far, or -1 when unknown. Lengths count them as the final validation does
    /// (JsonSchema.Net 8, authoritative; 2020-12 section 6.3.1 says code points): a partial check counting code points
    /// would stop streams the final validation finds valid, a flag being two code points and one element.
    /// </summary>
    private int TextElements()
    {
        if (_elementsRead < _textLength)
        {
            _elements.Append(_text.AsSpan(_elementsRead, _textLength - _elementsRead));
            _elementsRead = _textLength;
        }

        return _elements.IsKnown ? _elements.Count : -1;
    }

    /// <summary>A value ended: the checks that need it whole run, then its checks are released.</summary>
    private void EndValue()
    {
        ref var frame = ref _frames[_depth - 1];
        DocumentNode? whole = null;
        if (frame.Captured)
        {
            if (frame.Type == JsonTypes.String)
            {
                _capture.Scalar(new StringNode(new string(Text)));
            }
            else if (frame.Type is JsonTypes.Object or JsonTypes.Array)
            {
                _capture.Close();
            }

            whole = _capture.Completed;
        }

        var end = _checks.Count;
        for (var i = frame.FirstCheck; i < end; i++)
        {
            CheckEnd(_checks[i], frame.Type, whole);
        }

        if (_depth > 1 && _frames[_depth - 2].ComparesItems && whole is not null)
        {
            CheckUniqueItem(ref _frames[_depth - 2], frame.FirstCheck, whole);
        }

        for (var i = end - 1; i >= frame.FirstCheck; i--)
        {
            _pool.Push(_checks[i]);
        }

        _checks.RemoveRange(frame.FirstCheck, end - frame.FirstCheck);
        if (frame.Type == JsonTypes.String)
        {
            _keepText = false;
            _textLength = 0;
        }

        frame = default;
        _depth--;
    }

    private void Capture(JsonTypes type, in JsonToken token)
    {
        switch (type)
        {
            case JsonTypes.Object:
                _capture.Open(new ObjectNode());
                break;
            case JsonTypes.Array:
                _capture.Open(new ArrayNode());
                break;
            case JsonTypes.Number:
                _capture.Scalar(LiteralNode.Number(token.Text.ToString()));
                break;
            case JsonTypes.Boolean:
                _capture.Scalar(LiteralNode.Boolean(token.Kind == JsonTokenKind.True));
                break;
            case JsonTypes.Null:
                _capture.Scalar(LiteralNode.Null);
                break;
        }
    }

    private ReadOnlySpan<char> Text => _text.AsSpan(0, _textLength);

    /// <summary>The JSON Pointer of the value open at <paramref name="depth"/> (0: the root).</summary>
    private string PathOf(int depth)
    {
        var path = "";
        for (var i = 1; i <= depth && i < _depth + 1; i++)
        {
            ref var frame = ref _frames[i];
            path = frame.Index >= 0 ? JsonPointer.Append(path, frame.Index) : JsonPointer.Append(path, frame.Member ?? "");
        }

        return path;
    }

    /// <summary>A value being written: where its checks are, and what its checks share.</summary>
    private struct Frame(int firstCheck, JsonTypes type, string? member, int index)
    {
        /// <summary>Index of the value's first check in <see cref="_checks"/>; its checks run to the next frame's.</summary>
        public int FirstCheck { get; } = firstCheck;

        public JsonTypes Type { get; } = type;

        /// <summary>The member name this value is the value of, or null for an item or the root.</summary>
        public string? Member { get; } = member;

        /// <summary>The index this value has in its array, or -1.</summary>
        public int Index { get; } = index;

        /// <summary>For objects: the name whose value comes next.</summary>
        public string? Name { get; set; }

        /// <summary>For arrays: items so far.</summary>
        public int Count { get; set; }

        /// <summary>Whether the value is built whole by <see cref="_capture"/>.</summary>
        public bool Captured { get; set; }

        /// <summary>Whether items are captured to compare them (<c>uniqueItems</c>).</summary>
        public bool ComparesItems { get; set; }
    }
}
