using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Streaming;

public sealed class PartialJsonTextTests
{
    [Property(Arbitrary = [typeof(ChunkedJson)], MaxTest = 300)]
    public void Feeding_the_partial_text_then_the_rest_of_the_answer_gives_the_whole_object(ChunkedText input, PositiveInt cut)
    {
        // Stop the stream after some chunks, as a Stop or a time-out would: what the client holds is the object so far.
        var chunks = input.Chunks.ToList();
        var stopAfter = cut.Get % (chunks.Count + 1);
        var stopped = StreamRun.Of(chunks.Take(stopAfter));
        var partial = stopAfter == 0 ? null : stopped.Snapshots[^1];
        if (partial is null || stopped.Events.Any(e => e.Event is FinalEvent { Outcome: not StreamOutcome.Completed } or ErrorEvent))
        {
            return;
        }

        var completed = stopped.Events.Take(stopped.EventCountAfterChunk[^1]).Select(e => e.Event).OfType<CompleteEvent>().SelectMany(c => c.Paths).ToHashSet();
        var text = PartialJsonText.Of(partial, completed);

        // The text parses back to the same partial object, and the model's canonical answer continues it.
        DocumentAssert.Equal(partial, StreamRun.Of(text).Final.Object, text);
        var whole = DocumentAssert.SystemTextJson(input.Text);
        var canonical = whole.ToJsonString();
        if (canonical.StartsWith(text, StringComparison.Ordinal))
        {
            DocumentAssert.Equal(whole, StreamRun.Of([text, canonical[text.Length..]]).Final.Object);
        }
    }

    [Fact]
    public void Unfinished_values_stay_open_innermost_last()
    {
        var run = StreamRun.Of(ChunkedText.CutEvery("""{"title":"Hello","tags":["a","bc"],"body":{"text":"Stre""", 5));
        var completed = run.Events.Take(run.EventCountAfterChunk[^1]).Select(e => e.Event).OfType<CompleteEvent>().SelectMany(c => c.Paths).ToHashSet();

        Assert.Equal("""{"title":"Hello","tags":["a","bc"],"body":{"text":"Stre""", PartialJsonText.Of(run.Snapshots[^1], completed));
    }
}
