using System.Text;
using FsCheck.Xunit;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;
using StructuredStream.Validation;

namespace StructuredStream.Tests.Streaming;

/// <summary>
/// A builder hands its events to an <see cref="IStreamEventTarget"/> as views of its buffers, or makes them objects for
/// a collection: both are one stream, and a writer taking the views writes what the objects would be written as.
/// </summary>
public sealed class EventStreamTargetTests
{
    // Arrays must hold strings and members must be numbers: arbitrary JSON breaks it often, so errors come between patches.
    private static readonly CompiledSchema Picky = SchemaLoader.Load("""{"items":{"type":"string"},"additionalProperties":{"type":"number"}}""");

    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void A_writer_taking_views_writes_the_bytes_of_the_same_events_as_objects(ChunkedText input, bool strictPatches, bool withSchema)
    {
        var options = new EventStreamOptions
        {
            PatchMode = strictPatches ? PatchMode.Strict : PatchMode.Append,
            Schema = withSchema ? Picky : null,
            ViolationPolicy = ViolationPolicy.Continue,
        };

        var objects = new List<StreamEvent>();
        using (var builder = new EventStreamBuilder(options))
        {
            foreach (var chunk in input.Chunks)
            {
                builder.Append(chunk, objects);
            }

            builder.Finish(objects);
        }

        using var output = new MemoryStream();
        using (var builder = new EventStreamBuilder(options))
        using (var writer = new NdjsonEventWriter(output))
        {
            foreach (var chunk in input.Chunks)
            {
                builder.Append(chunk, writer);
            }

            builder.Finish(writer);
            Assert.Equal(objects.Count, writer.LastSeq);
        }

        Assert.Equal(Wire.ToNdjson(objects.Select((e, i) => new SequencedEvent(i + 1, e))), Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void A_view_reads_the_growing_string_but_the_operation_it_makes_keeps_the_text_of_its_batch()
    {
        using var builder = new EventStreamBuilder();
        var target = new RecordingTarget();

        builder.Append("""{"title":"Quart""", target);
        var (view, kept) = target.Operations.Single(o => o.View.Path == "/title");
        builder.Append("""erly"}""", target);

        Assert.Equal("Quart", kept.Value is StringNode text ? text.Value : null);
        // The view was valid during its call only: it reads the document's buffer, which has grown since.
        Assert.Equal("Quarterly", view.Text.ToString());
    }

    [Fact]
    public void A_writer_numbers_the_builders_events_after_the_last_seq_it_wrote()
    {
        using var output = new MemoryStream();
        using (var writer = new NdjsonEventWriter(output))
        using (var builder = new EventStreamBuilder())
        {
            writer.Write(new SequencedEvent(4, new StatusEvent(StreamPhases.Generating)));
            builder.Append("[1,", writer);
            builder.Finish(writer);
            Assert.Equal(8, writer.LastSeq);
        }

        var seqs = Wire.FromNdjson(Encoding.UTF8.GetString(output.ToArray())).Select(e => (e.Seq, e.Event.Type));
        Assert.Equal([(4L, "status"), (5L, "patch"), (6L, "complete"), (7L, "complete"), (8L, "final")], seqs);
    }

    [Fact]
    public void The_builder_says_how_the_stream_ended_once_final_is_out()
    {
        using var completed = new EventStreamBuilder();
        using var failed = new EventStreamBuilder();
        var events = new List<StreamEvent>();

        completed.Append("""{"a":1""", events);
        failed.Append("""{"a":1""", events);
        Assert.Null(completed.Outcome);
        Assert.False(completed.IsFinished);

        completed.Finish(events);
        failed.Fail(new ErrorEvent("model_error", "gone", Retryable: true), events);

        Assert.Equal(StreamOutcome.Completed, completed.Outcome);
        Assert.Equal(StreamOutcome.Failed, failed.Outcome);
        Assert.True(completed.IsFinished && failed.IsFinished);
    }

    /// <summary>Keeps each view as handed out and the operation made from it at the time.</summary>
    private sealed class RecordingTarget : IStreamEventTarget
    {
        public List<(PatchOperationView View, PatchOperation Kept)> Operations { get; } = [];

        public void AddPatch(ReadOnlySpan<PatchOperationView> operations)
        {
            foreach (var operation in operations)
            {
                Operations.Add((operation, operation.ToOperation()));
            }
        }

        public void AddComplete(ReadOnlySpan<string> paths)
        {
        }

        public void Add(StreamEvent streamEvent)
        {
        }
    }
}
