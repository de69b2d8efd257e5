using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Client.Tests;

/// <summary>The client's patcher on JsonNode: the JSON Patch suite, and every stream of the engine under any chunking.</summary>
public sealed class JsonNodePatcherTests
{
    public static TheoryData<string, int> Cases => ConformanceSuite.JsonPatchCases();

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void It_passes_the_json_patch_test_suite(string file, int index)
    {
        using var document = ConformanceSuite.JsonPatchFile(file);
        var record = document.RootElement[index];
        JsonNode? Apply()
        {
            var root = JsonNode.Parse(record.GetProperty("doc").GetRawText());
            foreach (var op in record.GetProperty("patch").EnumerateArray())
            {
                root = JsonNodePatcher.Apply(root, StreamEventSerializer.ReadOperation(op));
            }

            return root;
        }

        if (record.TryGetProperty("error", out _))
        {
            Assert.Throws<PatchException>(Apply);
        }
        else if (record.TryGetProperty("expected", out var expected))
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), Apply()), record.TryGetProperty("comment", out var c) ? c.GetString() : null);
        }
    }

    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Applying_every_patch_of_a_stream_to_null_gives_the_final_object_after_any_chunking(ChunkedText input)
    {
        using var builder = new EventStreamBuilder();
        var events = new List<StreamEvent>();
        foreach (var chunk in input.Chunks)
        {
            if (!builder.IsFinished)
            {
                builder.Append(chunk, events);
            }
        }

        if (!builder.IsFinished)
        {
            builder.Finish(events);
        }
        JsonNode? root = null;
        foreach (var patch in events.OfType<PatchEvent>())
        {
            foreach (var op in patch.Ops)
            {
                root = JsonNodePatcher.Apply(root, op);
            }
        }

        var final = events.OfType<FinalEvent>().Single();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(final.Object.ToJsonString()), root), input.ToString());
    }

    [Fact]
    public void Append_grows_a_string_and_refuses_anything_else()
    {
        var root = JsonNode.Parse("""{"a~/b":"x","n":1}""");

        root = JsonNodePatcher.Apply(root, new PatchOperation(PatchOperationKind.Append, "/a~0~1b", new StructuredStream.Documents.StringNode("yz")));

        Assert.Equal("xyz", (string?)root!["a~/b"]);
        Assert.Throws<PatchException>(() => JsonNodePatcher.Apply(root, new PatchOperation(PatchOperationKind.Append, "/n", new StructuredStream.Documents.StringNode("1"))));
        Assert.Throws<PatchException>(() => JsonNodePatcher.Apply(root, new PatchOperation(PatchOperationKind.Append, "/missing", new StructuredStream.Documents.StringNode("1"))));
    }
}
