using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Streaming;

/// <summary>
/// The five properties of the event stream, each over arbitrary JSON and arbitrary chunkings
/// (see <see cref="JsonTexts"/> and <see cref="ChunkedText"/>).
/// </summary>
public sealed class EventStreamPropertyTests
{
    private static readonly EventStreamOptions StrictPatches = new() { PatchMode = PatchMode.Strict };

    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Final_object_equals_what_System_Text_Json_parses_from_the_whole_text(ChunkedText input)
    {
        var run = StreamRun.Of(input.Chunks);

        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        Assert.Empty(run.Final.Repairs);
        DocumentAssert.Equal(DocumentAssert.SystemTextJson(input.Text), run.Final.Object);
    }

    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Replaying_the_patches_from_null_rebuilds_the_partial_object_at_every_step(ChunkedText input)
    {
        // Through the wire format, as a client sees it.
        var events = Wire.FromNdjson(StreamRun.Of(input.Chunks).ToString());
        var run = StreamRun.Of(input.Chunks);

        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        for (var chunk = 0; chunk < run.Snapshots.Count; chunk++)
        {
            var replayed = DocumentAssert.Replay(events.Take(run.EventCountAfterChunk[chunk]));
            DocumentAssert.Equal(run.Snapshots[chunk], replayed, $"after chunk {chunk}");
        }

        var final = Assert.IsType<FinalEvent>(events[^1].Event);
        var all = DocumentAssert.Replay(events);
        DocumentAssert.Equal(final.Object, all);
        Assert.Equal(CanonicalJson.Checksum(all), final.Checksum);
    }

    [Property(Arbitrary = [typeof(ChunkedJsonDocument)], MaxTest = 200)]
    public void Strict_patches_apply_with_a_stock_RFC_6902_implementation(ChunkedText input)
    {
        var run = StreamRun.Of(input.Chunks, StrictPatches);
        var ops = run.Patches.SelectMany(p => p.Ops).ToList();
        Assert.DoesNotContain(ops, o => o.Op == PatchOperationKind.Append);

        // A stock library patches a document in place, so it cannot replace the root: the first op creates it.
        var first = ops[0];
        Assert.Equal((PatchOperationKind.Add, ""), (first.Op, first.Path));
        Assert.DoesNotContain(ops.Skip(1), o => o.Path.Length == 0);
        var stock = JsonNode.Parse(first.Value!.ToJsonString())!;
        var ours = (DocumentNode)first.Value!.DeepClone();

        foreach (var patch in run.Patches)
        {
            var remaining = patch.Ops.Where(o => !ReferenceEquals(o, first)).ToArray();
            if (remaining.Length == 0)
            {
                continue;
            }

            var document = JsonSerializer.Deserialize<JsonPatchDocument>(OpsJson(remaining))!;
            document.ApplyTo(stock);
            ours = PatchApplier.Apply(ours, remaining);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ours.ToJsonString()), stock),
                $"stock: {stock.ToJsonString()}\nours:  {ours.ToJsonString()}");
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(run.Final.Object.ToJsonString()), stock));
    }

    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Growth_is_monotonic_no_member_or_element_disappears_and_strings_only_grow(ChunkedText input)
    {
        var run = StreamRun.Of(input.Chunks);
        DocumentNode previous = LiteralNode.Null;
        foreach (var snapshot in run.Snapshots.Append(run.Final.Object))
        {
            Assert.True(DocumentAssert.GrewFrom(previous, snapshot), $"{previous.ToJsonString()}\n  became\n{snapshot.ToJsonString()}");
            previous = snapshot;
        }
    }

    /// <summary>
    /// The invariant we guarantee: take every op of every patch in order, and merge each op that only grows the
    /// string written by the op just before it at the same path (an <c>append</c>, or in strict mode a
    /// <c>replace</c> whose value extends it) into that op. The merged op list is the same for every chunking, and
    /// so is the list of completed paths. Chunking only decides where events are cut and how completions interleave
    /// with ops, and a path is completed after the last op at or below it and never touched again.
    /// </summary>
    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Events_do_not_depend_on_chunking_except_for_how_string_growth_is_split(ChunkedText input)
    {
        foreach (var options in new[] { EventStreamOptions.Default, StrictPatches })
        {
            var whole = StreamRun.Of(input.Text, options);
            var chunked = StreamRun.Of(input.Chunks, options);

            Assert.Equal(MergedOps(whole), MergedOps(chunked));
            Assert.Equal(whole.CompletedPaths, chunked.CompletedPaths);
            Assert.Equal(whole.Final.Object.ToJsonString(), chunked.Final.Object.ToJsonString());
            Assert.Equal(whole.Final.Checksum, chunked.Final.Checksum);
            AssertCompletionsLockTheirPaths(chunked);
        }
    }

    private static List<string> MergedOps(StreamRun run)
    {
        var merged = new List<PatchOperation>();
        foreach (var op in run.Patches.SelectMany(p => p.Ops))
        {
            if (merged.Count > 0 && merged[^1] is { Value: StringNode previous } last && last.Path == op.Path && op.Value is StringNode grown)
            {
                if (op.Op == PatchOperationKind.Append)
                {
                    merged[^1] = last with { Value = new StringNode(previous.Value + grown.Value) };
                    continue;
                }

                if (op.Op == PatchOperationKind.Replace && grown.Value.StartsWith(previous.Value, StringComparison.Ordinal))
                {
                    merged[^1] = last with { Value = grown };
                    continue;
                }
            }

            merged.Add(op);
        }

        return merged.Select(o => $"{o.Op} {o.Path} {o.Value?.ToJsonString()}").ToList();
    }

    private static void AssertCompletionsLockTheirPaths(StreamRun run)
    {
        var completed = new List<string>();
        foreach (var e in run.Events.Select(e => e.Event))
        {
            switch (e)
            {
                case PatchEvent patch:
                    foreach (var op in patch.Ops)
                    {
                        Assert.DoesNotContain(completed, c => op.Path == c || op.Path.StartsWith(c + "/", StringComparison.Ordinal));
                    }

                    break;
                case CompleteEvent complete:
                    completed.AddRange(complete.Paths.Where(p => p.Length > 0));
                    break;
            }
        }
    }

    private static string OpsJson(IEnumerable<PatchOperation> ops)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, DocumentNode.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var op in ops)
            {
                StreamEventSerializer.WriteOperation(writer, op);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
