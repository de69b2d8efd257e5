using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace StructuredStream.Tests.Support;

/// <summary>
/// Generates JSON texts that exercise everything a model may write: nested objects and arrays, astral unicode (raw
/// and as escaped surrogate pairs), every escape, every number form (huge integers, 1E400, -0), empty keys and keys
/// with <c>~</c> and <c>/</c>, and arbitrary whitespace between tokens. Object keys are distinct once decoded.
/// </summary>
internal static class JsonTexts
{
    private static readonly string[] Escapes = ["\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"];

    private static readonly string[] Raw =
    [
        "é", "中", "\u2028", "\u007f", "😀", "𝄞", "~", "/", "~1", "{", "[", ",", ":", "]", "}", "'", "```",
    ];

    private static readonly string[] Whitespace = [" ", "\n", "\r\n", "\t", "  \n    "];

    /// <summary>Whitespace between tokens: mostly none, sometimes any mix of the four JSON whitespace characters.</summary>
    public static Gen<string> Space { get; } = Gen.Frequency(
        (6, Gen.Constant("")),
        (2, Gen.Elements(Whitespace)),
        (1, Gen.ArrayOf(Gen.Elements(Whitespace)).Select(string.Concat)));

    /// <summary>Every number form of RFC 8259 section 6, including values beyond 64 bits and beyond double range.</summary>
    public static Gen<string> Number { get; } =
        from sign in Gen.Elements("", "", "-")
        from integer in Gen.Frequency(
            (1, Gen.Constant("0")),
            (4, Gen.Choose(1, 999_999).Select(i => i.ToString(CultureInfo.InvariantCulture))),
            (1, Digits(1, 40).Select(d => "9" + d)))
        from fraction in Gen.Frequency((3, Gen.Constant("")), (1, Digits(1, 20).Select(d => "." + d)))
        from exponent in Gen.Frequency(
            (4, Gen.Constant("")),
            (1, from e in Gen.Elements("e", "E")
                from s in Gen.Elements("", "+", "-")
                from d in Gen.Elements("0", "1", "10", "308", "400", "0005")
                select e + s + d))
        select sign + integer + fraction + exponent;

    /// <summary>A JSON string literal, quotes included: plain text, escapes, \u escapes and raw non-ASCII.</summary>
    public static Gen<string> String { get; } =
        Gen.ArrayOf(Gen.Frequency(
                (8, Gen.Choose(0x20, 0x7e).Where(c => c is not '"' and not '\\').Select(c => ((char)c).ToString())),
                (2, Gen.Constant(" ")),
                (2, Gen.Elements(Escapes)),
                (1, Gen.Choose(0x01, 0xffff).Where(c => c is < 0xd800 or > 0xdfff)
                    .SelectMany(_ => Gen.Elements("x4", "X4"), (c, f) => "\\u" + c.ToString(f, CultureInfo.InvariantCulture))),
                (1, Gen.Elements("\\uD83D\\uDE00", "\\ud834\\udd1e", "\\uDBFF\\uDFFF")),
                (2, Gen.Elements(Raw))))
            .Select(parts => "\"" + string.Concat(parts) + "\"");

    /// <summary>Any JSON value; containers nest up to the generator's size.</summary>
    public static Gen<string> Value { get; } = Gen.Sized(size => ValueOfSize(Math.Min(size, 40)));

    /// <summary>An object or array at the root, as structured output always is.</summary>
    public static Gen<string> Document { get; } = Gen.Sized(size => Container(Math.Min(size, 40)));

    /// <summary>A whole text: the value with whitespace around it.</summary>
    public static Gen<string> Text(Gen<string> value) =>
        from before in Space
        from v in value
        from after in Space
        select before + v + after;

    private static Gen<string> Digits(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), n), (_, d) => new string(d));

    private static Gen<string> Scalar() => Gen.Frequency(
        (1, Gen.Elements("true", "false", "null")),
        (3, Number),
        (4, String));

    private static Gen<string> ValueOfSize(int size) => size <= 1
        ? Scalar()
        : Gen.Frequency((2, Scalar()), (1, Container(size)));

    private static Gen<string> Container(int size)
    {
        var child = Gen.Sized(_ => ValueOfSize(size / 2)).Resize(size / 2);
        var count = Gen.Choose(0, Math.Max(0, Math.Min(size, 5)));
        var array =
            from n in count
            from items in Gen.ArrayOf(Spaced(child), n)
            from inner in Space
            select "[" + (items.Length == 0 ? inner : string.Join(",", items)) + "]";
        var member =
            from key in Gen.Frequency((6, String), (1, Gen.Elements("\"\"", "\"a/b\"", "\"m~n\"", "\"~1\"", "\"\\u007e0\"")))
            from k1 in Space
            from k2 in Space
            from value in Spaced(child)
            select (Key: key, Text: k1 + key + k2 + ":" + value);
        var obj =
            from n in count
            from members in Gen.ArrayOf(member, n)
            from inner in Space
            let distinct = members.DistinctBy(m => JsonSerializer.Deserialize<string>(m.Key)).Select(m => m.Text).ToArray()
            select "{" + (distinct.Length == 0 ? inner : string.Join(",", distinct)) + "}";
        return Gen.OneOf(array, obj);
    }

    private static Gen<string> Spaced(Gen<string> value) =>
        from before in Space
        from v in value
        from after in Space
        select before + v + after;
}

/// <summary>A text and how it is cut into chunks: sizes are used in turn, cyclically; 0 makes an empty chunk.</summary>
public sealed record ChunkedText(string Text, int[] Sizes)
{
    public IReadOnlyList<string> Chunks => Split(Text, Sizes);

    /// <summary>Cuts a text into chunks of <paramref name="size"/> UTF-16 code units (the last may be shorter).</summary>
    public static IEnumerable<string> CutEvery(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    public static IReadOnlyList<string> Split(string text, int[] sizes)
    {
        var chunks = new List<string>();
        var position = 0;
        var i = 0;
        var emptyInARow = 0;
        while (position < text.Length)
        {
            var size = sizes[i++ % sizes.Length];
            if (size == 0 && emptyInARow++ < 2)
            {
                chunks.Add("");
                continue;
            }

            emptyInARow = 0;
            size = Math.Clamp(size, 1, text.Length - position);
            chunks.Add(text.Substring(position, size));
            position += size;
        }

        return chunks;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("text: ").Append(JsonSerializer.Serialize(Text)).Append("\nchunks: ");
        text.Append(string.Join(" | ", Chunks.Select(c => JsonSerializer.Serialize(c))));
        return text.ToString();
    }
}

/// <summary>FsCheck arbitraries: any JSON text (or object/array text) with any chunking, one chunk and 1-char chunks included.</summary>
public static class ChunkedJson
{
    private static readonly Gen<int[]> Sizes = Gen.Frequency(
        (1, Gen.Constant(new[] { 1 })),
        (1, Gen.Constant(new[] { int.MaxValue })),
        (4, Gen.NonEmptyListOf(Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 9)), (1, Gen.Choose(10, 64)))).Select(l => l.ToArray())));

    public static Arbitrary<ChunkedText> AnyValue() => Arb.From(
        from text in JsonTexts.Text(JsonTexts.Value)
        from sizes in Sizes
        select new ChunkedText(text, sizes));
}

/// <summary>
/// Only object or array roots, for the checks that a stock RFC 6902 library must be able to follow. Without the empty
/// key: Microsoft.AspNetCore.JsonPatch drops empty JSON Pointer tokens (dotnet/aspnetcore#67819), so "/" is not a
/// member named "" to it. Our own applier is held to empty keys by the other properties.
/// </summary>
public static class ChunkedJsonDocument
{
    private static readonly Gen<int[]> Sizes = Gen.Frequency(
        (1, Gen.Constant(new[] { 1 })),
        (1, Gen.Constant(new[] { int.MaxValue })),
        (4, Gen.NonEmptyListOf(Gen.Choose(0, 12)).Select(l => l.ToArray())));

    public static Arbitrary<ChunkedText> Document() => Arb.From(
        from text in JsonTexts.Text(JsonTexts.Document).Where(t => !HasEmptyKey(JsonNode.Parse(t)))
        from sizes in Sizes
        select new ChunkedText(text, sizes));

    private static bool HasEmptyKey(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(m => m.Key.Length == 0 || HasEmptyKey(m.Value)),
        JsonArray a => a.Any(HasEmptyKey),
        _ => false,
    };
}
