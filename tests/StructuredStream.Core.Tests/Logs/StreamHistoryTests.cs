using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;
using StructuredStream.Tests.Shared;

namespace StructuredStream.Tests.Logs;

public sealed class StreamHistoryTests
{
    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void A_reader_resuming_from_any_seq_at_any_moment_holds_the_streams_object_after_every_event_it_gets(
        ChunkedText input, PositiveInt recent, NonNegativeInt written, PositiveInt page, bool strict)
    {
        var events = StreamRun.Of(input.Chunks, new EventStreamOptions { PatchMode = strict ? PatchMode.Strict : PatchMode.Append }).Events;
        var history = new StreamHistory(1 + (recent.Get % 8));
        var count = 1 + (written.Get % events.Count);
        foreach (var e in events.Take(count))
        {
            history.Append(e.Event);
        }

        var objects = StreamObjects.AfterEachSeq(events);
        for (var after = 0L; after <= count; after++)
        {
            var document = objects[(int)after].DeepClone();
            var received = new List<SequencedEvent>();
            for (var batch = history.Read(after, page.Get); batch.Count > 0; batch = history.Read(received[^1].Seq, page.Get))
            {
                foreach (var item in batch)
                {
                    Assert.True(item.Seq > (received.Count > 0 ? received[^1].Seq : after), "seqs only go forward");
                    if (item.Event is PatchEvent patch)
                    {
                        document = PatchApplier.Apply(document, patch.Ops);
                    }

                    DocumentAssert.Equal(objects[(int)item.Seq], document, $"after seq {item.Seq}, resumed from {after}");
                    received.Add(item);
                }
            }

            Assert.Equal(count, received.Count > 0 ? received[^1].Seq : after);
            Assert.Equal(
                events.Take(count).Skip((int)after).Where(e => e.Event is not PatchEvent),
                received.Where(e => e.Event is not PatchEvent));
        }
    }

    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 200)]
    public void Memory_is_bounded_by_the_events_that_are_not_patches_not_by_the_patches(ChunkedText input, PositiveInt recent)
    {
        var keep = 1 + (recent.Get % 8);
        var history = new StreamHistory(keep);
        var others = 0;
        foreach (var e in StreamRun.Of(input.Chunks).Events)
        {
            history.Append(e.Event);
            others += e.Event is PatchEvent ? 0 : 1;

            Assert.True(history.RecentCount < 2 * keep, $"{history.RecentCount} recent events kept");
            Assert.True(history.FoldedCount <= (2 * others) + 1, $"{history.FoldedCount} slots for {others} events that are not patches");
        }
    }

    [Fact]
    public void A_long_string_folds_into_one_op_and_readers_that_keep_up_still_get_every_token()
    {
        var text = "{\"essay\":\"" + string.Concat(Enumerable.Repeat("word ", 2_000)) + "\"}";
        var events = StreamRun.Of(ChunkedText.CutEvery(text, 3)).Events;
        var history = new StreamHistory(recentEvents: 4);
        long live = 0;
        var liveEvents = new List<SequencedEvent>();
        foreach (var e in events)
        {
            history.Append(e.Event);
            var batch = history.Read(live, 100);
            liveEvents.AddRange(batch);
            live = batch[^1].Seq;
        }

        Assert.Equal(events, liveEvents);
        var fromStart = history.Read(0, 100);
        var merged = Assert.IsType<PatchEvent>(fromStart[0].Event);
        var root = Assert.IsType<ObjectNode>(Assert.Single(merged.Ops, op => op.Path == "").Value);
        Assert.Single(merged.Ops);
        Assert.True(root.TryGetValue("essay", out var essay));
        Assert.Equal(string.Concat(Enumerable.Repeat("word ", 2_000)), ((StringNode)essay).Value);
    }

    [Fact]
    public void A_reader_cut_off_inside_a_folded_run_gets_the_whole_object_at_the_runs_end_as_one_add_of_the_root()
    {
        var events = StreamRun.Of(ChunkedText.CutEvery("""{"title":"Hello, streaming world"}""", 3)).Events;
        var history = new StreamHistory(recentEvents: 1);
        foreach (var e in events)
        {
            history.Append(e.Event);
        }

        var firstPatches = events.TakeWhile(e => e.Event is PatchEvent).ToList();
        var resumed = history.Read(after: 2, max: 1).Single();

        Assert.Equal(firstPatches[^1].Seq, resumed.Seq);
        var patch = Assert.IsType<PatchEvent>(resumed.Event);
        Assert.Equal(["""{"op":"add","path":"","value":{"title":"Hello, streaming world"}}"""], patch.Ops.Select(Wire.OperationJson));
    }

    [Fact]
    public void A_cursor_past_the_end_and_an_append_after_final_are_refused()
    {
        var history = new StreamHistory();
        history.Append(new CompleteEvent(["/a"]));
        history.Append(new FinalEvent(StreamOutcome.Completed, LiteralNode.Null, [], [], "sha256:x"));

        Assert.Throws<ArgumentOutOfRangeException>(() => history.Read(3, 10));
        Assert.Empty(history.Read(2, 10));
        Assert.Throws<InvalidOperationException>(() => history.Append(new CompleteEvent(["/b"])));
    }
}
