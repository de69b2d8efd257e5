using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Logs;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Logs;

public sealed class CatchUpMergerTests
{
    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void A_reader_that_missed_any_window_of_events_ends_with_the_same_object(ChunkedText input, NonNegativeInt start, PositiveInt length, bool strict)
    {
        var events = StreamRun.Of(input.Chunks, new EventStreamOptions { PatchMode = strict ? PatchMode.Strict : PatchMode.Append }).Events;
        var from = start.Get % events.Count;
        var to = Math.Min(events.Count, from + length.Get);

        var merged = CatchUpMerger.Merge([.. events.Take(to).Skip(from)]);
        var replayed = DocumentAssert.Replay([.. events.Take(from), .. merged, .. events.Skip(to)]);

        DocumentAssert.Equal(((FinalEvent)events[^1].Event).Object, replayed);
        Assert.Equal(events[to - 1].Seq, merged[^1].Seq);
        Assert.True(merged.Select(e => e.Seq).SequenceEqual(merged.Select(e => e.Seq).Order()), "seqs stay in order");
    }

    [Fact]
    public void Consecutive_appends_to_one_path_become_one_op()
    {
        var events = StreamRun.Of(ChunkedText.CutEvery("""{"title":"Hello, streaming world"}""", 4)).Events;
        var patches = events.Where(e => e.Event is PatchEvent).ToList();

        var merged = CatchUpMerger.Merge(patches);

        var patch = Assert.IsType<PatchEvent>(Assert.Single(merged).Event);
        Assert.Equal(
            ["""{"op":"add","path":"","value":{}}""", """{"op":"add","path":"/title","value":"Hello, streaming world"}"""],
            patch.Ops.Select(Wire.OperationJson));
        Assert.Equal(patches[^1].Seq, merged[0].Seq);
    }
}
