namespace StructuredStream.Patching;

/// <summary>
/// A list that is filled and handed out once per chunk, then refilled. Emptying it does not clear the slots: what they
/// still reference is the document's own nodes and paths (alive anyway, or overwritten by the next chunk), and clearing
/// them on every chunk was a measurable share of the per-chunk cost.
/// </summary>
internal struct OperationBatch<T>
{
    private T[] _items;
    private int _count;

    public OperationBatch(int capacity) => _items = new T[capacity];

    public readonly int Count => _count;

    public readonly ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    public readonly ref readonly T Last => ref _items[_count - 1];

    public void Add(T item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }

        _items[_count++] = item;
    }

    public void Empty() => _count = 0;
}
