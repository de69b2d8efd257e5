using StructuredStream.Documents;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Tests.Support;

/// <summary>One text streamed through an <see cref="EventStreamBuilder"/>: every event, and the partial object after each chunk.</summary>
internal sealed class StreamRun
{
    private StreamRun(List<SequencedEvent> events, List<DocumentNode> snapshots, List<int> eventCountAfterChunk)
    {
        Events = events;
        Snapshots = snapshots;
        EventCountAfterChunk = eventCountAfterChunk;
    }

    /// <summary>Events numbered from 1, as they would go on the wire.</summary>
    public IReadOnlyList<SequencedEvent> Events { get; }

    /// <summary>The builder's document after each chunk, deep-copied.</summary>
    public IReadOnlyList<DocumentNode> Snapshots { get; }

    /// <summary>How many events had been emitted when each snapshot was taken.</summary>
    public IReadOnlyList<int> EventCountAfterChunk { get; }

    public FinalEvent Final => (FinalEvent)Events[^1].Event;

    public ErrorEvent? Error => Events.Select(e => e.Event).OfType<ErrorEvent>().SingleOrDefault();

    public IEnumerable<PatchEvent> Patches => Events.Select(e => e.Event).OfType<PatchEvent>();

    public IEnumerable<string> CompletedPaths => Events.Select(e => e.Event).OfType<CompleteEvent>().SelectMany(c => c.Paths);

    public static StreamRun Of(string text, EventStreamOptions? options = null) => Of([text], options);

    public static StreamRun Of(IEnumerable<string> chunks, EventStreamOptions? options = null) =>
        Of(chunks, static (builder, chunk, output) => builder.Append(chunk, output), options);

    public static StreamRun OfUtf8(IEnumerable<byte[]> chunks, EventStreamOptions? options = null) =>
        Of(chunks, static (builder, chunk, output) => builder.AppendUtf8(chunk, output), options);

    public override string ToString() => Wire.ToNdjson(Events);

    private static StreamRun Of<T>(IEnumerable<T> chunks, Action<EventStreamBuilder, T, List<StreamEvent>> append, EventStreamOptions? options)
    {
        using var builder = new EventStreamBuilder(options);
        var raw = new List<StreamEvent>();
        var snapshots = new List<DocumentNode>();
        var counts = new List<int>();
        foreach (var chunk in chunks)
        {
            append(builder, chunk, raw);
            if (builder.IsFinished)
            {
                break;
            }

            snapshots.Add(builder.Document.DeepClone());
            counts.Add(raw.Count);
        }

        if (!builder.IsFinished)
        {
            builder.Finish(raw);
        }

        return new StreamRun(raw.Select((e, i) => new SequencedEvent(i + 1, e)).ToList(), snapshots, counts);
    }
}
