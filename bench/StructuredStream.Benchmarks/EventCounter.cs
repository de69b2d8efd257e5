using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Benchmarks;

/// <summary>
/// Takes events as views and reads every part a writer would (each operation's path and value, each path), so that
/// a benchmark of the engine with this target measures the events' making, not their formatting.
/// </summary>
internal sealed class EventCounter : IStreamEventTarget
{
    public long Events { get; private set; }

    public long Characters { get; private set; }

    public void AddPatch(ReadOnlySpan<PatchOperationView> operations)
    {
        Events++;
        foreach (var operation in operations)
        {
            Characters += operation.Path.Length + (operation.HasText ? operation.Text.Length : operation.Value is null ? 0 : 1);
        }
    }

    public void AddComplete(ReadOnlySpan<string> paths)
    {
        Events++;
        foreach (var path in paths)
        {
            Characters += path.Length;
        }
    }

    public void Add(StreamEvent streamEvent) => Events++;

    public void Reset() => (Events, Characters) = (0, 0);
}
