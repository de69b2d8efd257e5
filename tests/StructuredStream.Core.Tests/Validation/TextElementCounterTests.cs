using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StructuredStream.Validation;

namespace StructuredStream.Tests.Validation;

public sealed class TextElementCounterTests
{
    /// <summary>Pieces that join or split text elements: combining marks, ZWJ emoji, flags, CRLF, Hangul, plain text.</summary>
    private static readonly string[] Pieces =
    [
        "a", "e", "\u0301", "\u0308", "\r", "\n", "\r\n", "\t", " ", "x y",
        "\U0001F1EB", "\U0001F1F7", "\U0001F468", "\u200D", "\U0001F469", "\U0001F3FD", "\uFE0F",
        "\u1100", "\u1161", "\u11A8", "\u0915", "\u094D", "\u0937", "\u0600", "é", "日本",
    ];

    [Property(Arbitrary = [typeof(TextElementCounterTests)], MaxTest = 500)]
    public void The_count_over_segments_equals_StringInfo_over_the_whole_text(Segmented input)
    {
        var counter = new TextElementCounter();
        foreach (var segment in input.Segments)
        {
            counter.Append(segment);
        }

        Assert.True(counter.IsKnown);
        Assert.Equal(new StringInfo(input.Text).LengthInTextElements, counter.Count);
    }

    [Fact]
    public void An_element_too_long_to_keep_makes_the_count_unknown_instead_of_read_again_each_time()
    {
        var counter = new TextElementCounter();
        counter.Append("e");
        for (var i = 0; i < 300; i++)
        {
            counter.Append("\u0301");
        }

        Assert.False(counter.IsKnown);
        counter.Reset();
        Assert.True(counter.IsKnown);
        Assert.Equal(0, counter.Count);
    }

    public static Arbitrary<Segmented> Text() => Arb.From(
        from pieces in Gen.ListOf(Gen.Elements(Pieces))
        from cuts in Gen.ListOf(Gen.Choose(1, 6))
        select Segmented.Of(string.Concat(pieces), cuts));

    /// <summary>A text and its segments; a cut never falls between the halves of a surrogate pair (the parser's segments do not).</summary>
    public sealed record Segmented(string Text, IReadOnlyList<string> Segments)
    {
        public static Segmented Of(string text, IReadOnlyList<int> cuts)
        {
            var segments = new List<string>();
            var at = 0;
            for (var i = 0; at < text.Length; i++)
            {
                var size = Math.Min(cuts.Count == 0 ? text.Length : cuts[i % cuts.Count], text.Length - at);
                if (char.IsHighSurrogate(text[at + size - 1]))
                {
                    size++;
                }

                segments.Add(text.Substring(at, Math.Min(size, text.Length - at)));
                at += size;
            }

            return new Segmented(text, segments);
        }

        public override string ToString() => string.Join(" | ", Segments.Select(s => string.Concat(s.Select(c => $"\\u{(int)c:X4}"))));
    }
}
