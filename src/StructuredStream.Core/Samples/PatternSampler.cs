using System.Text;

namespace StructuredStream.Samples;

/// <summary>
/// Writes a string that a regular expression of the common subset matches: literals, escapes (<c>\d \w \s</c> and
/// escaped punctuation), classes with ranges and negation, groups with alternation, quantifiers and anchors.
/// </summary>
/// <remarks>
/// What it cannot read (look-arounds, back-references) makes it give up rather than guess; the caller checks every
/// sample with the schema's own regex anyway, so a wrong guess can only cost a retry.
/// </remarks>
internal sealed class PatternSampler
{
    private const int UnboundedRepeats = 3;
    private readonly string _pattern;
    private readonly Random _random;
    private int _position;

    private PatternSampler(string pattern, Random random)
    {
        _pattern = pattern;
        _random = random;
    }

    /// <summary>A string the pattern matches in full, or null when the pattern uses what this sampler cannot read.</summary>
    public static string? TrySample(string pattern, Random random)
    {
        var sampler = new PatternSampler(pattern, random);
        var output = new StringBuilder();
        try
        {
            sampler.Alternation(output);
            return sampler._position == pattern.Length ? output.ToString() : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool AtEnd => _position >= _pattern.Length;

    private char Peek => _pattern[_position];

    private void Alternation(StringBuilder output)
    {
        // Choose one branch up front by scanning; the others are read and dropped.
        var branches = new List<StringBuilder>();
        do
        {
            var branch = new StringBuilder();
            Sequence(branch);
            branches.Add(branch);
        }
        while (!AtEnd && Peek == '|' && ++_position > 0);

        output.Append(branches[_random.Next(branches.Count)]);
    }

    private void Sequence(StringBuilder output)
    {
        while (!AtEnd && Peek is not ('|' or ')'))
        {
            var start = _position;
            var atom = new StringBuilder();
            if (!Atom(atom))
            {
                continue;
            }

            var source = _pattern[start.._position];
            var (min, max) = Quantifier();
            var count = min == max ? min : _random.Next(min, max + 1);
            for (var i = 0; i < count; i++)
            {
                // Each repeat is sampled afresh, so "[a-z]{5}" is not one letter five times.
                output.Append(i == 0 ? atom : SampleAtom(source));
            }
        }
    }

    private StringBuilder SampleAtom(string source)
    {
        var output = new StringBuilder();
        new PatternSampler(source, _random).Atom(output);
        return output;
    }

    /// <returns>false for an anchor, which writes nothing and takes no quantifier.</returns>
    private bool Atom(StringBuilder output)
    {
        var c = _pattern[_position++];
        switch (c)
        {
            case '^' or '$':
                return false;
            case '(':
                if (!AtEnd && Peek == '?')
                {
                    if (_position + 1 < _pattern.Length && _pattern[_position + 1] == ':')
                    {
                        _position += 2;
                    }
                    else
                    {
                        throw new FormatException("look-arounds and named groups are not sampled");
                    }
                }

                Alternation(output);
                Expect(')');
                break;
            case '[':
                output.Append(Class());
                break;
            case '\\':
                output.Append(Escape());
                break;
            case '.':
                output.Append(Letter());
                break;
            case '*' or '+' or '?' or '{' or ')' or '|':
                throw new FormatException($"unexpected '{c}'");
            default:
                output.Append(c);
                break;
        }

        return true;
    }

    private (int Min, int Max) Quantifier()
    {
        if (AtEnd)
        {
            return (1, 1);
        }

        (int, int) result;
        switch (Peek)
        {
            case '?':
                _position++;
                result = (0, 1);
                break;
            case '*':
                _position++;
                result = (0, UnboundedRepeats);
                break;
            case '+':
                _position++;
                result = (1, UnboundedRepeats);
                break;
            case '{':
                var close = _pattern.IndexOf('}', _position);
                if (close < 0)
                {
                    throw new FormatException("unclosed quantifier");
                }

                var body = _pattern[(_position + 1)..close];
                _position = close + 1;
                var comma = body.IndexOf(',', StringComparison.Ordinal);
                var min = int.Parse(comma < 0 ? body : body[..comma], System.Globalization.CultureInfo.InvariantCulture);
                var max = comma < 0 ? min
                    : comma == body.Length - 1 ? min + UnboundedRepeats
                    : int.Parse(body[(comma + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                result = (min, max);
                break;
            default:
                return (1, 1);
        }

        // A lazy or possessive marker changes nothing about which strings match.
        if (!AtEnd && Peek is '?' or '+')
        {
            _position++;
        }

        return result;
    }

    private char Class()
    {
        var negated = !AtEnd && Peek == '^';
        if (negated)
        {
            _position++;
        }

        var ranges = new List<(char From, char To)>();
        var first = true;
        while (!AtEnd && (Peek != ']' || first))
        {
            first = false;
            var from = ClassChar(ranges);
            if (from is null)
            {
                continue;
            }

            if (_position + 1 < _pattern.Length && Peek == '-' && _pattern[_position + 1] != ']')
            {
                _position++;
                var to = ClassChar(ranges) ?? throw new FormatException("a range ends in a class escape");
                ranges.Add((from.Value, to));
            }
            else
            {
                ranges.Add((from.Value, from.Value));
            }
        }

        Expect(']');
        if (!negated)
        {
            var (lo, hi) = ranges[_random.Next(ranges.Count)];
            return (char)_random.Next(lo, hi + 1);
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = (char)_random.Next('0', 'z' + 1);
            if (char.IsLetterOrDigit(candidate) && !ranges.Exists(r => candidate >= r.From && candidate <= r.To))
            {
                return candidate;
            }
        }

        throw new FormatException("a negated class excludes every letter and digit");
    }

    /// <returns>A single character, or null when a class escape such as <c>\d</c> added its ranges itself.</returns>
    private char? ClassChar(List<(char, char)> ranges)
    {
        var c = _pattern[_position++];
        if (c != '\\')
        {
            return c;
        }

        var e = _pattern[_position++];
        switch (e)
        {
            case 'd':
                ranges.Add(('0', '9'));
                return null;
            case 'w':
                ranges.Add(('a', 'z'));
                ranges.Add(('A', 'Z'));
                ranges.Add(('0', '9'));
                return null;
            case 's':
                ranges.Add((' ', ' '));
                return null;
            default:
                return Unescape(e);
        }
    }

    private string Escape()
    {
        var e = _pattern[_position++];
        return e switch
        {
            'd' => ((char)_random.Next('0', '9' + 1)).ToString(),
            'w' => Letter().ToString(),
            's' => " ",
            'b' or 'B' => throw new FormatException("word boundaries are not sampled"),
            _ when char.IsDigit(e) => throw new FormatException("back-references are not sampled"),
            _ => Unescape(e).ToString(),
        };
    }

    private static char Unescape(char e) => e switch
    {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'D' or 'W' or 'S' or 'u' or 'x' or 'p' or 'P' => throw new FormatException($"\\{e} is not sampled"),
        _ => e,
    };

    private char Letter() => (char)_random.Next('a', 'z' + 1);

    private void Expect(char c)
    {
        if (AtEnd || Peek != c)
        {
            throw new FormatException($"expected '{c}'");
        }

        _position++;
    }
}
