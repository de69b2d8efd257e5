using System.Runtime.CompilerServices;
using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>A JSON array.</summary>
public sealed class ArrayNode : DocumentNode
{
    private readonly List<DocumentNode> _items = [];

    /// <inheritdoc />
    public override DocumentNodeKind Kind => DocumentNodeKind.Array;

    /// <summary>The number of elements.</summary>
    public int Count => _items.Count;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public DocumentNode this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    /// <summary>Appends an element.</summary>
    public void Add(DocumentNode item) => _items.Add(item);

    /// <summary>Inserts an element, shifting later ones up (RFC 6902 <c>add</c>).</summary>
    public void Insert(int index, DocumentNode item) => _items.Insert(index, item);

    /// <summary>Removes the element at <paramref name="index"/>.</summary>
    public void RemoveAt(int index) => _items.RemoveAt(index);

    /// <summary>The elements, in order.</summary>
    public IReadOnlyList<DocumentNode> Items => _items;

    /// <inheritdoc />
    public override DocumentNode DeepClone()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var clone = new ArrayNode();
        foreach (var item in _items)
        {
            clone._items.Add(item.DeepClone());
        }

        return clone;
    }

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        writer.WriteStartArray();
        foreach (var item in _items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }

    internal bool ElementsEqual(ArrayNode other)
    {
        if (_items.Count != other._items.Count)
        {
            return false;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (!DeepEquals(_items[i], other._items[i]))
            {
                return false;
            }
        }

        return true;
    }
}
