using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Documents;

namespace StructuredStream.Tests.Documents;

/// <summary>RFC 8785 (JSON Canonicalization Scheme), with the examples and number vectors of the RFC.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Canonical_form_matches_the_RFC_8785_example()
    {
        var input = DocumentNode.Parse("""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """);

        var canonical = Encoding.UTF8.GetString(CanonicalJson.ToUtf8Bytes(input));

        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""", canonical);
    }

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_as_RFC_8785_section_3_2_3_shows()
    {
        var input = DocumentNode.Parse("""
            {"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",
             "\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}
            """);

        var order = ((ObjectNode)DocumentNode.Parse(Encoding.UTF8.GetString(CanonicalJson.ToUtf8Bytes(input)))).Members.Select(m => ((StringNode)m.Value).Value);

        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"], order);
    }

    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Numbers_serialize_as_RFC_8785_appendix_B_says(string ieee754Bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(ieee754Bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        Assert.Equal(expected, NumberText.ToCanonical(value.ToString("R", CultureInfo.InvariantCulture)));
        Assert.Equal(expected, NumberText.ToCanonical(value.ToString("E20", CultureInfo.InvariantCulture)));
    }

    [Property(MaxTest = 2000)]
    public void A_decimal_written_as_its_canonical_form_is_kept_as_is_and_any_other_is_rewritten(bool negative, NonNegativeInt[] integer, NonNegativeInt[]? fraction, NonNegativeInt leadingZeros)
    {
        // Digit strings around the limits of the shortcut: up to 24 integer digits, fractions with leading and trailing
        // zeros, up to 24 significant digits.
        var digits = new StringBuilder(negative ? "-" : "");
        var intPart = string.Concat(integer.Take(24).Select(d => (char)('0' + (d.Get % 10))));
        digits.Append(intPart.Length == 0 || intPart[0] == '0' ? "0" : intPart);
        if (fraction is { Length: > 0 })
        {
            digits.Append('.').Append('0', leadingZeros.Get % 9).Append(string.Concat(fraction.Take(24).Select(d => (char)('0' + (d.Get % 10)))));
        }

        var text = digits.ToString();
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.Equal(NumberText.FormatLikeEcmaScript(value), NumberText.ToCanonical(text));
    }

    [Fact]
    public void Numbers_beyond_double_range_keep_their_text_as_no_canonical_form_exists()
    {
        Assert.Equal("1E400", NumberText.ToCanonical("1E400"));
    }

    [Fact]
    public void Equal_values_written_differently_have_the_same_checksum()
    {
        var a = DocumentNode.Parse("""{"b": [1.0, "\u00e9"], "a": 10e-1}""");
        var b = DocumentNode.Parse("""{ "a" : 1, "b" : [ 1, "é" ] }""");
        var c = DocumentNode.Parse("""{"a": 1, "b": [1, "e"]}""");

        Assert.Equal(CanonicalJson.Checksum(a), CanonicalJson.Checksum(b));
        Assert.NotEqual(CanonicalJson.Checksum(a), CanonicalJson.Checksum(c));
        Assert.Matches("^sha256:[0-9a-f]{64}$", CanonicalJson.Checksum(a));
    }

    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("1E400", "10E399", true)]
    [InlineData("-0", "0", true)]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567891", false)]
    [InlineData("0.1", "0.10000000000000001", false)]
    public void Document_equality_compares_numbers_by_exact_value(string left, string right, bool equal)
    {
        Assert.Equal(equal, DocumentNode.DeepEquals(LiteralNode.Number(left), LiteralNode.Number(right)));
    }
}
