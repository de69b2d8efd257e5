using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StructuredStream.Parsing;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Streaming;

/// <summary>
/// Whatever a model sends, in whatever chunks: the engine never throws, never overflows the stack, and always ends
/// with one <c>final</c> whose object every patch before it rebuilds. Bad text ends as a documented
/// <c>parse_error</c>, never as an exception.
/// </summary>
public sealed class ParserFuzzTests
{
    [Property(MaxTest = 500)]
    public void Random_bytes_in_random_chunks_end_in_a_final_event_and_nothing_else_escapes(byte[] bytes, PositiveInt chunk, bool strict)
    {
        var events = Run(Chunks(bytes, 1 + (chunk.Get % 17)), strict);

        AssertWellFormed(events);
    }

    [Property(Arbitrary = [typeof(MutatedJson)], MaxTest = 500)]
    public void Valid_documents_with_random_damage_end_in_a_final_event_and_nothing_else_escapes(string text, PositiveInt chunk, bool strict)
    {
        var events = Run(Chunks(System.Text.Encoding.UTF8.GetBytes(text), 1 + (chunk.Get % 9)), strict);

        AssertWellFormed(events);
    }

    [Fact]
    public void Brackets_nested_far_past_the_depth_limit_end_in_a_parse_error_not_a_stack_overflow()
    {
        var events = Run([System.Text.Encoding.UTF8.GetBytes(new string('[', 100_000))], strict: false);

        var error = Assert.IsType<ErrorEvent>(Assert.Single(events, e => e.Event is ErrorEvent).Event);
        Assert.Equal("parse_error", error.Code);
        AssertWellFormed(events);
    }

    private static List<SequencedEvent> Run(IEnumerable<byte[]> chunks, bool strict)
    {
        using var builder = new EventStreamBuilder(new EventStreamOptions { Parser = new JsonParserOptions { Tolerant = !strict } });
        var raw = new List<StreamEvent>();
        foreach (var chunk in chunks)
        {
            if (builder.IsFinished)
            {
                break;
            }

            builder.AppendUtf8(chunk, raw);
        }

        if (!builder.IsFinished)
        {
            builder.Finish(raw);
        }

        return raw.Select((e, i) => new SequencedEvent(i + 1, e)).ToList();
    }

    private static void AssertWellFormed(List<SequencedEvent> events)
    {
        var final = Assert.IsType<FinalEvent>(events[^1].Event);
        Assert.Single(events, e => e.Event is FinalEvent);
        Assert.All(events.Select(e => e.Event).OfType<ErrorEvent>(), e => Assert.Equal("parse_error", e.Code));
        DocumentAssert.Equal(final.Object, DocumentAssert.Replay(events));
    }

    private static IEnumerable<byte[]> Chunks(byte[] bytes, int size)
    {
        for (var i = 0; i < bytes.Length; i += size)
        {
            yield return bytes[i..Math.Min(bytes.Length, i + size)];
        }
    }

    /// <summary>Valid JSON with a few random characters inserted, deleted or replaced.</summary>
    public static class MutatedJson
    {
        private static readonly char[] Alphabet = "{}[]\",:\\/*-+.0123456789eEtrufalsn \n\t\u0000\uD83D\uDE00\uFFFDaé".ToCharArray();

        public static Arbitrary<string> Text() => Arb.From(
            from json in JsonTexts.Document
            from count in Gen.Choose(1, 4)
            from edits in Gen.ArrayOf(Edit, count)
            select Mutate(json, edits));

        private static Gen<(int Kind, int At, char With)> Edit { get; } =
            from kind in Gen.Choose(0, 2)
            from at in Gen.Choose(0, int.MaxValue)
            from with in Gen.Elements(Alphabet)
            select (kind, at, with);

        private static string Mutate(string json, IEnumerable<(int Kind, int At, char With)> edits)
        {
            var text = new System.Text.StringBuilder(json);
            foreach (var (kind, at, with) in edits)
            {
                var i = text.Length == 0 ? 0 : at % text.Length;
                switch (kind)
                {
                    case 0: text.Insert(i, with); break;
                    case 1 when text.Length > 0: text.Remove(i, 1); break;
                    case 2 when text.Length > 0: text[i] = with; break;
                }
            }

            return text.ToString();
        }
    }
}
