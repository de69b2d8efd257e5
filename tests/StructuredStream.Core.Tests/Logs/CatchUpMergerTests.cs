using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Documents;
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

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void Every_window_of_a_stream_with_duplicate_keys_merges_to_the_same_object(int chunkSize, bool strict)
    {
        // A duplicate key replaces a value the run may already have filled: what was folded into the old value must not
        // reappear in the new one.
        var text = """{"a":{"x":1,"x":"yy"},"a":{"y":[1,{"z":"w"}]},"b":"s","b":{"c":"d"}}""";
        var events = StreamRun.Of(ChunkedText.CutEvery(text, chunkSize), new EventStreamOptions { PatchMode = strict ? PatchMode.Strict : PatchMode.Append }).Events;
        var expected = ((FinalEvent)events[^1].Event).Object;

        for (var from = 0; from < events.Count; from++)
        {
            for (var to = from + 1; to <= events.Count; to++)
            {
                var merged = CatchUpMerger.Merge([.. events.Take(to).Skip(from)]);
                DocumentAssert.Equal(expected, DocumentAssert.Replay([.. events.Take(from), .. merged, .. events.Skip(to)]));
            }
        }
    }

    /// <summary>
    /// Runs of RFC 6902 ops the engine never sends (it adds array elements only at the end, by index, and replaces only a
    /// string's whole text): merged, they must still give the object the originals give. One event per op, '|' between;
    /// the events before '||' are left out of the merged run (a reader had them).
    /// </summary>
    [Theory]
    [InlineData("""{"op":"add","path":"","value":{"a":[]}}|{"op":"add","path":"/a/0","value":"p"}|{"op":"add","path":"/a/1","value":"q"}|{"op":"add","path":"/a/0","value":"r"}|{"op":"append","path":"/a/1","value":"!"}""")]
    [InlineData("""{"op":"add","path":"","value":{"a":[]}}|{"op":"add","path":"/a/-","value":"x"}|{"op":"append","path":"/a/0","value":"y"}|{"op":"add","path":"/a/-","value":{"b":"c"}}""")]
    [InlineData("""{"op":"add","path":"","value":{"a":[]}}|{"op":"add","path":"/a/-","value":"x"}|{"op":"append","path":"/a/0","value":"y"}|{"op":"replace","path":"/a/0","value":"q"}""")]
    [InlineData("""{"op":"add","path":"","value":{}}||{"op":"add","path":"/s","value":"a"}|{"op":"replace","path":"/s","value":1}|{"op":"add","path":"/s","value":2}|{"op":"replace","path":"/s","value":"b"}""")]
    [InlineData("""{"op":"add","path":"","value":{"l":["x"]}}|{"op":"add","path":"/l/0","value":["y"]}|{"op":"add","path":"/l/0/0","value":"z"}|{"op":"append","path":"/l/1","value":"w"}""")]
    [InlineData("""{"op":"add","path":"","value":{"s":"a"}}|{"op":"replace","path":"/s","value":[1]}|{"op":"add","path":"/s/-","value":2}|{"op":"replace","path":"/s","value":"c"}|{"op":"append","path":"/s","value":"d"}""")]
    public void Ops_the_engine_never_sends_merge_to_the_same_object_too(string ops)
    {
        var had = ops.Contains("||", StringComparison.Ordinal) ? ops[..ops.IndexOf("||", StringComparison.Ordinal)].Split('|').Length : 0;
        var events = ops.Replace("||", "|", StringComparison.Ordinal).Split('|').Select((op, i) =>
        {
            using var json = System.Text.Json.JsonDocument.Parse($$"""{"seq":{{i + 1}},"type":"patch","ops":[{{op}}]}""");
            return StreamEventSerializer.Read(json.RootElement);
        }).ToList();

        var merged = CatchUpMerger.Merge([.. events.Skip(had)]);

        DocumentAssert.Equal(DocumentAssert.Replay(events), DocumentAssert.Replay([.. events.Take(had), .. merged]));
    }

    [Fact]
    public void An_object_that_opens_and_fills_within_the_run_becomes_one_add_of_what_it_holds()
    {
        var events = StreamRun.Of(ChunkedText.CutEvery("""{"title":"Hello, streaming world","tags":["a"]}""", 4)).Events;
        var patches = events.Where(e => e.Event is PatchEvent).ToList();

        var merged = CatchUpMerger.Merge(patches);

        var patch = Assert.IsType<PatchEvent>(Assert.Single(merged).Event);
        Assert.Equal(
            ["""{"op":"add","path":"","value":{"title":"Hello, streaming world","tags":["a"]}}"""],
            patch.Ops.Select(Wire.OperationJson));
        Assert.Equal(patches[^1].Seq, merged[0].Seq);
    }

    [Fact]
    public void Consecutive_appends_to_a_string_the_run_did_not_add_become_one_op_and_the_events_are_left_unchanged()
    {
        var events = StreamRun.Of(ChunkedText.CutEvery("""{"title":"Hello, streaming world"}""", 4)).Events;
        var appends = events.Where(e => e.Event is PatchEvent p && p.Ops.All(op => op.Op == PatchOperationKind.Append)).ToList();
        var before = Wire.ToNdjson(appends);

        var merged = CatchUpMerger.Merge(appends);

        var patch = Assert.IsType<PatchEvent>(Assert.Single(merged).Event);
        var op = Assert.Single(patch.Ops);
        Assert.Equal(PatchOperationKind.Append, op.Op);
        Assert.Equal("/title", op.Path);
        Assert.EndsWith("streaming world", ((StringNode)op.Value!).Value, StringComparison.Ordinal);
        Assert.Equal(before, Wire.ToNdjson(appends));
    }
}
