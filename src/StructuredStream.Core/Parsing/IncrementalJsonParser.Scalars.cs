namespace StructuredStream.Parsing;

public sealed partial class IncrementalJsonParser
{
    /// <summary>Spec: RFC 8259 section 6, <c>number = [ minus ] int [ frac ] [ exp ]</c>, one state per grammar position.</summary>
    private enum NumberPart : byte
    {
        Start,
        Minus,
        Zero,
        Integer,
        Dot,
        Fraction,
        Exponent,
        ExponentSign,
        ExponentDigits,
        End,
    }

    private NumberPart _numberPart;
    private string _literal = "";
    private int _literalMatched;

    private void BeginNumber()
    {
        _mode = ParserMode.Number;
        _numberPart = NumberPart.Start;
        _textLength = 0;
    }

    private void BeginLiteral(char first)
    {
        _mode = ParserMode.Literal;
        _literal = first switch { 't' => "true", 'f' => "false", _ => "null" };
        _literalMatched = 0;
    }

    private bool IsCompleteNumber() =>
        _numberPart is NumberPart.Zero or NumberPart.Integer or NumberPart.Fraction or NumberPart.ExponentDigits;

    private bool ReadNumber(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        var start = position;
        while (position < chunk.Length)
        {
            var next = Next(_numberPart, chunk[position]);
            if (next == NumberPart.End)
            {
                break;
            }

            _numberPart = next;
            position++;
        }

        CheckTokenLength(_textLength + position - start, position);
        if (position == chunk.Length)
        {
            // The number may go on in the next chunk.
            AppendText(chunk[start..position]);
            token = default;
            return false;
        }

        if (!IsCompleteNumber())
        {
            if (TryFallBackToProse())
            {
                token = default;
                return false;
            }

            FailUnexpected(chunk[position], position, "a digit");
        }

        token = TakeNumber(chunk, start, position);
        return true;
    }

    private JsonToken TakeNumber(ReadOnlySpan<char> chunk, int start, int end)
    {
        AfterValue();
        if (_textLength == 0)
        {
            return new JsonToken(JsonTokenKind.Number, chunk[start..end]);
        }

        AppendText(chunk[start..end]);
        return new JsonToken(JsonTokenKind.Number, _text.AsSpan(0, _textLength));
    }

    private static NumberPart Next(NumberPart part, char c) => part switch
    {
        NumberPart.Start => c == '-' ? NumberPart.Minus : c == '0' ? NumberPart.Zero : char.IsAsciiDigit(c) ? NumberPart.Integer : NumberPart.End,
        NumberPart.Minus => c == '0' ? NumberPart.Zero : char.IsAsciiDigit(c) ? NumberPart.Integer : NumberPart.End,
        NumberPart.Zero => c == '.' ? NumberPart.Dot : c is 'e' or 'E' ? NumberPart.Exponent : NumberPart.End,
        NumberPart.Integer => char.IsAsciiDigit(c) ? NumberPart.Integer : c == '.' ? NumberPart.Dot : c is 'e' or 'E' ? NumberPart.Exponent : NumberPart.End,
        NumberPart.Dot or NumberPart.Fraction => char.IsAsciiDigit(c) ? NumberPart.Fraction : part == NumberPart.Fraction && c is 'e' or 'E' ? NumberPart.Exponent : NumberPart.End,
        NumberPart.Exponent => c is '+' or '-' ? NumberPart.ExponentSign : char.IsAsciiDigit(c) ? NumberPart.ExponentDigits : NumberPart.End,
        NumberPart.ExponentSign or NumberPart.ExponentDigits => char.IsAsciiDigit(c) ? NumberPart.ExponentDigits : NumberPart.End,
        _ => NumberPart.End,
    };

    private bool ReadLiteral(ReadOnlySpan<char> chunk, ref int position, out JsonToken token)
    {
        while (position < chunk.Length && _literalMatched < _literal.Length)
        {
            if (chunk[position] != _literal[_literalMatched])
            {
                if (TryFallBackToProse())
                {
                    token = default;
                    return false;
                }

                FailUnexpected(chunk[position], position, $"'{_literal}'");
            }

            position++;
            _literalMatched++;
        }

        if (_literalMatched < _literal.Length)
        {
            token = default;
            return false;
        }

        AfterValue();
        token = new JsonToken(_literal[0] switch { 't' => JsonTokenKind.True, 'f' => JsonTokenKind.False, _ => JsonTokenKind.Null });
        return true;
    }
}
