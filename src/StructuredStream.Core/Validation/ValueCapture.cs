using System.Diagnostics;
using StructuredStream.Documents;

namespace StructuredStream.Validation;

/// <summary>
/// Builds whole values from tokens for the checks that compare them: <c>enum</c> and <c>const</c> with arrays or
/// objects, and <c>uniqueItems</c>. Only runs while such a value is being written.
/// </summary>
internal sealed class ValueCapture
{
    private readonly List<DocumentNode> _open = [];
    private readonly List<string?> _names = [];

    /// <summary>Whether a value is being captured.</summary>
    public bool IsActive => _open.Count > 0;

    /// <summary>The last value completed, valid until the next call.</summary>
    public DocumentNode? Completed { get; private set; }

    /// <summary>Opens an array or object.</summary>
    public void Open(DocumentNode container)
    {
        Place(container);
        _open.Add(container);
        _names.Add(null);
    }

    /// <summary>Takes the name of the next member.</summary>
    public void Name(string name) => _names[^1] = name;

    /// <summary>Adds a complete scalar.</summary>
    public void Scalar(DocumentNode value)
    {
        Place(value);
        Completed = value;
    }

    /// <summary>Closes the innermost container.</summary>
    public void Close()
    {
        Debug.Assert(_open.Count > 0, "closing a container that was never opened");
        Completed = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        _names.RemoveAt(_names.Count - 1);
    }

    private void Place(DocumentNode value)
    {
        if (_open.Count == 0)
        {
            return;
        }

        switch (_open[^1])
        {
            case ArrayNode array:
                array.Add(value);
                break;
            case ObjectNode obj:
                obj.Set(_names[^1]!, value);
                break;
        }
    }
}
