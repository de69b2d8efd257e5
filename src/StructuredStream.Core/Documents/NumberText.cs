using System.Globalization;
using System.Numerics;

namespace StructuredStream.Documents;

/// <summary>Operations on JSON number text that never round through a binary type unless asked to.</summary>
internal static class NumberText
{
    /// <summary>Spec: RFC 8259 section 6, <c>number = [ minus ] int [ frac ] [ exp ]</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else if (!SkipDigits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (!SkipDigits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>
    /// Reads a valid JSON number as a <see cref="decimal"/> only when the decimal is its exact value: <c>1e-30</c> (which
    /// would round to 0) or 29 nines after the point (to 1) are not read, so no comparison is made with a rounded value.
    /// </summary>
    public static bool TryParseExactDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // Without an exponent and with at most 28 digits after any leading zeros, the digits are decimal's integer
        // and their places its scale: exact. (Nearly every number a model writes; the rest is compared written out.)
        if (text.IndexOfAny('e', 'E') < 0 && SignificantDigits(text) <= 28)
        {
            return true;
        }

        var written = text.ToString();
        return string.Equals(Normalize(written), Normalize(value.ToString(CultureInfo.InvariantCulture)), StringComparison.Ordinal);
    }

    private static int SignificantDigits(ReadOnlySpan<char> text)
    {
        var digits = 0;
        var leading = true;
        foreach (var c in text)
        {
            // Digits from the first that is not 0 on: the sign and the point are not digits, leading zeros add nothing.
            if (c is >= '1' and <= '9' || (c == '0' && !leading))
            {
                leading = false;
                digits++;
            }
        }

        // Zeros after the point count as places even before the first significant digit ("0.001": scale 3).
        var dot = text.IndexOf('.');
        return dot < 0 ? digits : Math.Max(digits, text.Length - dot - 1);
    }

    /// <summary>Exact decimal equality of two valid JSON numbers: <c>1</c>, <c>1.0</c> and <c>0.1e1</c> are equal.</summary>
    public static bool ValueEquals(string left, string right) =>
        string.Equals(left, right, StringComparison.Ordinal) || string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    /// <summary>
    /// Spec: RFC 8785 section 3.2.2.3, numbers are serialized as ECMAScript's Number.prototype.toString would.
    /// A value outside the IEEE 754 double range has no such form; it keeps its exact text (documented deviation).
    /// </summary>
    public static string ToCanonical(string text)
    {
        if (IsPlainDecimal(text))
        {
            return text;
        }

        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? FormatLikeEcmaScript(value) : text;
    }

    /// <summary>
    /// Whether a valid JSON number's text already is its ECMAScript form, as most numbers a model writes are: no
    /// exponent, no fraction ending in 0, not <c>-0</c>, at most 15 significant digits (any such decimal is the shortest
    /// text of the double nearest it, IEEE 754's 15 decimal digits of precision), at most 21 integer digits and fewer
    /// than 6 zeros after the point before the first digit (ECMAScript writes an exponent past either).
    /// </summary>
    private static bool IsPlainDecimal(string text)
    {
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var intDigits = i - intStart;
        if (intDigits == 0 || intDigits > 21 || (intDigits > 1 && text[intStart] == '0'))
        {
            return false;
        }

        var significant = 0;
        var trailingZeros = 0;
        var leading = text[intStart] == '0';
        for (var d = intStart; d < i; d++)
        {
            if (!leading)
            {
                significant++;
                trailingZeros = text[d] == '0' ? trailingZeros + 1 : 0;
            }
        }

        if (i == text.Length)
        {
            // An integer: "-0" is "0"; trailing zeros are not significant ("1200" is 12 x 10^2).
            return !(leading && intStart == 1) && significant - trailingZeros <= 15;
        }

        if (text[i] != '.')
        {
            return false;
        }

        var fractionStart = ++i;
        var zerosBeforeFirst = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (leading && text[i] == '0')
            {
                zerosBeforeFirst++;
            }
            else
            {
                leading = false;
                significant++;
            }

            i++;
        }

        return i == text.Length && i > fractionStart && text[i - 1] != '0' && !leading && zerosBeforeFirst < 6 && significant <= 15;
    }

    internal static string FormatLikeEcmaScript(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        // "R" yields the shortest text that round-trips, which is what ECMAScript's algorithm picks too.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        var body = negative ? shortest.AsSpan(1) : shortest.AsSpan();
        var exponent = 0;
        var e = body.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var dot = body.IndexOf('.');
        var digits = dot >= 0 ? string.Concat(body[..dot], body[(dot + 1)..]) : body.ToString();
        var pointPosition = dot >= 0 ? dot : body.Length;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits[leadingZeros..].TrimEnd('0');
        pointPosition -= leadingZeros;

        // value = 0.d1d2...dk x 10^n, as in ECMA-262 Number::toString.
        var k = digits.Length;
        var n = pointPosition + exponent;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = string.Concat(digits.AsSpan(0, n), ".", digits.AsSpan(n));
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var power = n - 1;
            var sign = power < 0 ? "-" : "+";
            var mantissa = k == 1 ? digits : string.Concat(digits.AsSpan(0, 1), ".", digits.AsSpan(1));
            result = mantissa + "e" + sign + Math.Abs(power).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }

    private static string Normalize(string text)
    {
        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (negative)
        {
            span = span[1..];
        }

        var exponent = BigInteger.Zero;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            exponent = BigInteger.Parse(span[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            span = span[..e];
        }

        var dot = span.IndexOf('.');
        var digits = dot >= 0 ? string.Concat(span[..dot], span[(dot + 1)..]) : span.ToString();
        if (dot >= 0)
        {
            exponent -= span.Length - dot - 1;
        }

        digits = digits.TrimStart('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return (negative ? "-" : "") + trimmed + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static bool SkipDigits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }
}
