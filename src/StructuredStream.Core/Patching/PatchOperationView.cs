using StructuredStream.Documents;

namespace StructuredStream.Patching;

/// <summary>
/// One JSON Patch operation as the engine holds it while handing a batch to an <see cref="Protocol.IStreamEventTarget"/>:
/// a string's text is read from the document's own buffer, without a copy or an object per operation.
/// </summary>
/// <remarks>
/// Valid only during the call that hands it out: the string it reads from grows with the next chunk. Keep an operation
/// with <see cref="ToOperation"/>.
/// </remarks>
public readonly struct PatchOperationView
{
    private readonly DocumentNode? _value;
    private readonly StringNode? _text;
    private readonly int _textStart;

    /// <summary>An operation whose value, if any, is a whole node (a string node is read as text).</summary>
    public PatchOperationView(PatchOperationKind op, string path, DocumentNode? value = null, string? from = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        Op = op;
        Path = path;
        From = from;
        if (value is StringNode text)
        {
            _text = text;
        }
        else
        {
            _value = value;
        }
    }

    /// <summary>An operation whose value is the text of <paramref name="text"/> from <paramref name="textStart"/> to its end at the time it is read.</summary>
    internal PatchOperationView(PatchOperationKind op, string path, StringNode text, int textStart)
    {
        Op = op;
        Path = path;
        _text = text;
        _textStart = textStart;
    }

    /// <summary>The operation.</summary>
    public PatchOperationKind Op { get; }

    /// <summary>A JSON Pointer to the target.</summary>
    public string Path { get; }

    /// <summary>The source pointer for <c>move</c> and <c>copy</c>.</summary>
    public string? From { get; }

    /// <summary>Whether the value is a string, read through <see cref="Text"/>.</summary>
    public bool HasText => _text is not null;

    /// <summary>The value when it is a string (the text <c>append</c> adds, or a whole string value).</summary>
    public ReadOnlySpan<char> Text => _text is null ? default : _text.AsSpan()[_textStart..];

    /// <summary>The value when it is not a string: a number, literal, or container; <see langword="null"/> for none.</summary>
    public DocumentNode? Value => _value;

    /// <summary>The string node the text is read from (to extend one batch's operation on a string as it grows).</summary>
    internal StringNode? TextNode => _text;

    /// <summary>The operation as an object that outlives the call, sharing the text's buffer rather than copying it.</summary>
    public PatchOperation ToOperation() => new(Op, Path, _text is null ? _value : _text.Slice(_textStart), From);
}
