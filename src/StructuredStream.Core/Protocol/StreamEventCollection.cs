using StructuredStream.Patching;

namespace StructuredStream.Protocol;

/// <summary>Makes the events handed to it into objects and adds them to a collection: for consumers that keep events.</summary>
internal sealed class StreamEventCollection : IStreamEventTarget
{
    private ICollection<StreamEvent>? _events;

    /// <summary>The target for <paramref name="events"/>, reusing this instance (one per builder, set per call).</summary>
    public IStreamEventTarget For(ICollection<StreamEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        _events = events;
        return this;
    }

    /// <inheritdoc />
    public void AddPatch(ReadOnlySpan<PatchOperationView> operations)
    {
        var objects = new PatchOperation[operations.Length];
        for (var i = 0; i < objects.Length; i++)
        {
            objects[i] = operations[i].ToOperation();
        }

        Events.Add(new PatchEvent(objects));
    }

    /// <inheritdoc />
    public void AddComplete(ReadOnlySpan<string> paths) => Events.Add(new CompleteEvent(paths.ToArray()));

    /// <inheritdoc />
    public void Add(StreamEvent streamEvent) => Events.Add(streamEvent);

    private ICollection<StreamEvent> Events => _events ?? throw new InvalidOperationException("No collection was given.");
}
