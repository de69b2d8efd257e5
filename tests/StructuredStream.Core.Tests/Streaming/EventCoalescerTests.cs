using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Streaming;

/// <summary>
/// The events of several chunks held and sent as one patch and one complete: at every window's end a reader holds the
/// object the engine holds, every path is completed once as before and after its last op, whatever the chunking and
/// however the chunks are grouped into windows.
/// </summary>
public sealed class EventCoalescerTests
{
    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void At_the_end_of_every_window_the_merged_events_rebuild_the_engines_object(ChunkedText input, PositiveInt[] windows, bool strict)
    {
        var options = new EventStreamOptions { PatchMode = strict ? PatchMode.Strict : PatchMode.Append };
        using var builder = new EventStreamBuilder(options);
        var coalescer = new EventCoalescer();
        var sent = new List<StreamEvent>();
        var batch = new List<StreamEvent>();
        var window = 0;
        var chunksInWindow = 0;
        foreach (var chunk in input.Chunks)
        {
            builder.Append(chunk, batch);
            Assert.True(coalescer.TryTake(batch), "a chunk of a valid document makes only patches and completes");
            chunksInWindow++;
            var size = windows.Length == 0 ? 1 : windows[window % windows.Length].Get % 9 + 1;
            if (chunksInWindow < size)
            {
                continue;
            }

            coalescer.MoveTo(batch);
            Assert.True(batch.Count(e => e is PatchEvent) <= 1 && batch.Count(e => e is CompleteEvent) <= 1, "one patch and one complete per window");
            sent.AddRange(batch);
            batch.Clear();
            DocumentAssert.Equal(builder.Document, DocumentAssert.Replay(Numbered(sent)), $"after window {window}");
            window++;
            chunksInWindow = 0;
        }

        builder.Finish(batch);
        Assert.False(coalescer.TryTake(batch), "the end is not held");
        coalescer.MoveTo(batch);
        sent.AddRange(batch);

        var final = (FinalEvent)sent[^1];
        DocumentAssert.Equal(final.Object, DocumentAssert.Replay(Numbered(sent)));
        Assert.Equal(
            StreamRun.Of(input.Chunks, options).CompletedPaths.Order(StringComparer.Ordinal),
            sent.OfType<CompleteEvent>().SelectMany(c => c.Paths).Order(StringComparer.Ordinal));
        AssertNoOpTouchesACompletedPath(sent);
    }

    [Fact]
    public void Rows_that_open_and_close_within_a_window_arrive_as_one_add_each_then_their_paths_complete()
    {
        using var builder = new EventStreamBuilder();
        var coalescer = new EventCoalescer();
        var batch = new List<StreamEvent>();
        builder.Append("""{"rows":[""", batch);
        coalescer.MoveTo(batch);
        batch.Clear();

        foreach (var chunk in ChunkedText.CutEvery("""{"region":"North","units":12},{"region":"South","units":7}""", 3))
        {
            builder.Append(chunk, batch);
            Assert.True(coalescer.TryTake(batch));
        }

        coalescer.MoveTo(batch);

        var patch = Assert.IsType<PatchEvent>(batch[0]);
        Assert.Equal(
            ["""{"op":"add","path":"/rows/0","value":{"region":"North","units":12}}""", """{"op":"add","path":"/rows/1","value":{"region":"South","units":7}}"""],
            patch.Ops.Select(Wire.OperationJson));
        var complete = Assert.IsType<CompleteEvent>(batch[1]);
        Assert.Equal(["/rows/0/region", "/rows/0/units", "/rows/0", "/rows/1/region", "/rows/1/units", "/rows/1"], complete.Paths);
    }

    private static List<SequencedEvent> Numbered(List<StreamEvent> events) =>
        [.. events.Select((e, i) => new SequencedEvent(i + 1, e))];

    private static void AssertNoOpTouchesACompletedPath(List<StreamEvent> events)
    {
        var completed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e is CompleteEvent complete)
            {
                completed.UnionWith(complete.Paths);
            }
            else if (e is PatchEvent patch)
            {
                foreach (var op in patch.Ops)
                {
                    foreach (var path in completed)
                    {
                        Assert.False(
                            op.Path == path || op.Path.StartsWith(path + "/", StringComparison.Ordinal) || path.Length == 0,
                            $"{PatchOperation.WireName(op.Op)} at '{op.Path}' after '{path}' completed");
                    }
                }
            }
        }
    }
}
