using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Patching;

public sealed class PatchEmitterTests
{
    private static readonly string[] Chunks = ["{\"title\": \"Hel", "lo\", \"tags\": [\"a", "\"], \"n\": 4", "2}"];

    [Fact]
    public void Strings_grow_by_append_and_fields_complete_as_they_close()
    {
        var ndjson = StreamRun.Of(Chunks).ToString();

        Assert.Equal(
            """
            {"seq":1,"type":"patch","ops":[{"op":"add","path":"","value":{}},{"op":"add","path":"/title","value":"Hel"}]}
            {"seq":2,"type":"patch","ops":[{"op":"append","path":"/title","value":"lo"},{"op":"add","path":"/tags","value":[]},{"op":"add","path":"/tags/0","value":"a"}]}
            {"seq":3,"type":"complete","paths":["/title"]}
            {"seq":4,"type":"complete","paths":["/tags/0","/tags"]}
            {"seq":5,"type":"patch","ops":[{"op":"add","path":"/n","value":42}]}
            {"seq":6,"type":"complete","paths":["/n",""]}
            {"seq":7,"type":"final","outcome":"completed","object":{"title":"Hello","tags":["a"],"n":42},"repairs":[],"errors":[],"checksum":"sha256:
            """.ReplaceLineEndings("\n"),
            ndjson[..ndjson.IndexOf("sha256:", StringComparison.Ordinal)] + "sha256:");
    }

    [Fact]
    public void Strict_patch_mode_sends_the_whole_string_with_replace()
    {
        var run = StreamRun.Of(Chunks, new EventStreamOptions { PatchMode = PatchMode.Strict });

        var second = run.Patches.ElementAt(1).Ops[0];
        Assert.Equal((PatchOperationKind.Replace, "/title", "\"Hello\""), (second.Op, second.Path, second.Value!.ToJsonString()));
        Assert.DoesNotContain(run.Patches.SelectMany(p => p.Ops), o => o.Op == PatchOperationKind.Append);
    }

    [Fact]
    public void Growth_within_one_chunk_is_one_op()
    {
        var run = StreamRun.Of(["[\"", "a\\n", "b\\u00e9c", "\"]"]);

        Assert.Equal(["add  []", "add /0 \"\"", "append /0 \"a\\n\"", "append /0 \"béc\""],
            run.Patches.SelectMany(p => p.Ops).Select(o => $"{PatchOperation.WireName(o.Op)} {o.Path} {o.Value}"));
    }

    [Fact]
    public void Keys_with_slash_tilde_or_nothing_are_escaped_in_paths()
    {
        var run = StreamRun.Of("""{"a/b": 1, "m~n": 2, "": 3}""");

        Assert.Equal(["", "/a~1b", "/m~0n", "/"], run.Patches.SelectMany(p => p.Ops).Select(o => o.Path));
    }

    [Fact]
    public void A_duplicate_key_replaces_the_earlier_value_and_is_reported()
    {
        var run = StreamRun.Of(["{\"a\": [1, 2], ", "\"a\": \"x\"}"]);

        Assert.Equal("""{"a":"x"}""", run.Final.Object.ToJsonString());
        Assert.Equal("duplicate_key", Repair.WireName(Assert.Single(run.Final.Repairs).Kind));
        DocumentAssert.Equal(run.Final.Object, DocumentAssert.Replay(run.Events));
    }

    [Fact]
    public void A_root_string_streams_like_any_other_string()
    {
        var run = StreamRun.Of(["\"Once upon", " a time\""]);

        Assert.Equal(["add  \"Once upon\"", "append  \" a time\""],
            run.Patches.SelectMany(p => p.Ops).Select(o => $"{PatchOperation.WireName(o.Op)} {o.Path} {o.Value}"));
        Assert.Equal([""], run.CompletedPaths);
    }

    [Fact]
    public void A_stream_cut_short_keeps_everything_already_sent()
    {
        using var builder = new EventStreamBuilder();
        var events = new List<StreamEvent>();
        builder.Append("{\"summary\": \"The quarter went we", events);

        builder.Finish(events, StreamOutcome.Cancelled);

        var final = Assert.IsType<FinalEvent>(events[^1]);
        Assert.Equal(StreamOutcome.Cancelled, final.Outcome);
        Assert.Equal("""{"summary":"The quarter went we"}""", final.Object.ToJsonString());
        Assert.Throws<InvalidOperationException>(() => builder.Append("ll", events));
    }
}
