using StructuredStream.Patching;

namespace StructuredStream.Protocol;

/// <summary>A patch's operations, whether kept as objects or handed out as views: one loop formats both.</summary>
internal readonly ref struct PatchOperationList
{
    private readonly ReadOnlySpan<PatchOperationView> _views;
    private readonly IReadOnlyList<PatchOperation>? _objects;

    public PatchOperationList(ReadOnlySpan<PatchOperationView> views) => _views = views;

    public PatchOperationList(IReadOnlyList<PatchOperation> objects) => _objects = objects;

    public int Count => _objects?.Count ?? _views.Length;

    public PatchOperationView this[int index]
    {
        get
        {
            if (_objects is null)
            {
                return _views[index];
            }

            var operation = _objects[index];
            return new PatchOperationView(operation.Op, operation.Path, operation.Value, operation.From);
        }
    }
}
