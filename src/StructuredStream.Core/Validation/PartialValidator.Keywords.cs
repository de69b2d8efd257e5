using System.Globalization;
using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Schemas;

namespace StructuredStream.Validation;

/// <summary>The keyword checks, each run at the first token that can prove it wrong.</summary>
public sealed partial class PartialValidator
{
    private void CheckStart(SchemaCheck check, JsonTypes type, in JsonToken token)
    {
        var schema = check.Schema;
        if (check.Failed || check.Dead)
        {
            return;
        }

        if (schema.Nothing)
        {
            Fail(check, "false", "No value is allowed here: the schema is false.");
            return;
        }

        if ((schema.Types & type) == 0 && !(type == JsonTypes.Number && IsIntegerAllowed(schema.Types, token.Text)))
        {
            Fail(check, "type", $"Expected {DescribeTypes(schema.Types)}, got {DescribeType(type)}.");
            return;
        }

        if (schema.Enum is { } values)
        {
            CheckEnumStart(check, values, type, token);
            if (check.Failed)
            {
                return;
            }
        }

        if (type == JsonTypes.Number)
        {
            CheckNumber(check, token.Text);
        }
    }

    /// <summary>Whether a number that is not of an allowed type as such is still allowed as an integer.</summary>
    private static bool IsIntegerAllowed(JsonTypes types, ReadOnlySpan<char> number)
    {
        if ((types & JsonTypes.Integer) == 0)
        {
            return false;
        }

        // Beyond decimal's range, whether it is an integer is left to the final validation: never flag what is unsure.
        return !decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value == decimal.Truncate(value);
    }

    private void CheckEnumStart(SchemaCheck check, DocumentNode[] values, JsonTypes type, in JsonToken token)
    {
        var schema = check.Schema;
        switch (type)
        {
            case JsonTypes.String:
                var candidates = schema.EnumStrings!;
                if (candidates.Length == 0)
                {
                    FailEnum(check);
                    return;
                }

                check.EnumCandidates = new bool[candidates.Length];
                Array.Fill(check.EnumCandidates, true);
                check.EnumCandidatesAlive = candidates.Length;
                return;
            case JsonTypes.Object or JsonTypes.Array:
                var kind = type == JsonTypes.Object ? DocumentNodeKind.Object : DocumentNodeKind.Array;
                if (!Array.Exists(values, v => v.Kind == kind))
                {
                    FailEnum(check);
                }

                return;
            default:
                var found = false;
                foreach (var value in values)
                {
                    found |= token.Kind switch
                    {
                        JsonTokenKind.Number => value is LiteralNode { Kind: DocumentNodeKind.Number } number && NumberText.ValueEquals(number.Text, token.Text.ToString()),
                        JsonTokenKind.True => value.Kind == DocumentNodeKind.True,
                        JsonTokenKind.False => value.Kind == DocumentNodeKind.False,
                        _ => value.Kind == DocumentNodeKind.Null,
                    };
                }

                if (!found)
                {
                    FailEnum(check);
                }

                return;
        }
    }

    private void CheckNumber(SchemaCheck check, ReadOnlySpan<char> text)
    {
        var schema = check.Schema;
        if (schema.Minimum is null && schema.Maximum is null && schema.ExclusiveMinimum is null && schema.ExclusiveMaximum is null && schema.MultipleOf is null)
        {
            return;
        }

        // A number decimal cannot hold exactly is left to the final validation: compared rounded, 1e-30 would fail
        // "exclusiveMinimum": 0.
        if (!NumberText.TryParseExactDecimal(text, out var value))
        {
            return;
        }

        if (value < schema.Minimum)
        {
            Fail(check, "minimum", $"{text} is less than the minimum {schema.Minimum}.");
        }
        else if (value > schema.Maximum)
        {
            Fail(check, "maximum", $"{text} is greater than the maximum {schema.Maximum}.");
        }
        else if (value <= schema.ExclusiveMinimum)
        {
            Fail(check, "exclusiveMinimum", $"{text} is not greater than {schema.ExclusiveMinimum}.");
        }
        else if (value >= schema.ExclusiveMaximum)
        {
            Fail(check, "exclusiveMaximum", $"{text} is not less than {schema.ExclusiveMaximum}.");
        }
        else if (schema.MultipleOf is { } divisor && IsCertainlyNotMultiple(value, divisor))
        {
            Fail(check, "multipleOf", $"{text} is not a multiple of {divisor}.");
        }
    }

    private static bool IsCertainlyNotMultiple(decimal value, decimal divisor)
    {
        try
        {
            return divisor != 0 && value % divisor != 0;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private void CheckName(SchemaCheck check, string name)
    {
        if (check.Failed || check.Dead)
        {
            return;
        }

        var schema = check.Schema;
        if (schema.NeedsNames)
        {
            check.Names ??= new HashSet<string>(StringComparer.Ordinal);
            if (check.Names.Add(name) && ++check.Count > schema.MaxProperties)
            {
                Fail(check, "maxProperties", $"More than {schema.MaxProperties} propert{(schema.MaxProperties == 1 ? "y" : "ies")}.");
                return;
            }
        }

        if (schema.AdditionalProperties is { Nothing: true } && schema.Properties?.ContainsKey(name) != true && !MatchesPatternProperty(schema, name))
        {
            FailAt(check, JsonPointer.Append(PathOf(check.Depth), name), "additionalProperties", $"Property '{name}' is not allowed.");
        }
    }

    private static bool MatchesPatternProperty(SchemaNode schema, string name)
    {
        if (schema.PatternProperties is { } patterns)
        {
            foreach (var pattern in patterns)
            {
                if (pattern.Pattern.IsMatch(name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void CheckSegment(SchemaCheck check, ReadOnlySpan<char> segment, int offset)
    {
        if (check.Failed || check.Dead)
        {
            return;
        }

        var schema = check.Schema;
        if (_codePoints > schema.MaxLength && TextElements() > schema.MaxLength)
        {
            Fail(check, "maxLength", $"Longer than {schema.MaxLength} character{(schema.MaxLength == 1 ? "" : "s")}.");
            return;
        }

        if (check.EnumCandidates is { } alive)
        {
            var candidates = schema.EnumStrings!;
            for (var i = 0; i < candidates.Length; i++)
            {
                if (alive[i] && !candidates[i].AsSpan(Math.Min(offset, candidates[i].Length)).StartsWith(segment, StringComparison.Ordinal))
                {
                    alive[i] = false;
                    check.EnumCandidatesAlive--;
                }
            }

            if (check.EnumCandidatesAlive == 0)
            {
                FailEnum(check);
            }
        }
    }

    private void CheckEnd(SchemaCheck check, JsonTypes type, DocumentNode? whole)
    {
        if (check.Failed || check.Dead)
        {
            return;
        }

        var schema = check.Schema;
        switch (type)
        {
            case JsonTypes.String:
                CheckStringEnd(check);
                break;
            case JsonTypes.Array:
                if (check.Count < schema.MinItems)
                {
                    Fail(check, "minItems", $"Fewer than {schema.MinItems} item{(schema.MinItems == 1 ? "" : "s")}.");
                }

                break;
            case JsonTypes.Object:
                CheckObjectEnd(check);
                break;
        }

        if (!check.Failed && schema.ComparesWholeValues && whole is not null && type is JsonTypes.Object or JsonTypes.Array &&
            !Array.Exists(schema.Enum!, v => DocumentNode.DeepEquals(v, whole)))
        {
            FailEnum(check);
        }
    }

    private void CheckStringEnd(SchemaCheck check)
    {
        var schema = check.Schema;
        // Never more text elements than code points: only a string long enough in code points is counted again.
        if (_codePoints < schema.MinLength || (schema.MinLength > 1 && TextElements() is var elements and >= 0 && elements < schema.MinLength))
        {
            Fail(check, "minLength", $"Shorter than {schema.MinLength} character{(schema.MinLength == 1 ? "" : "s")}.");
            return;
        }

        if (check.EnumCandidates is { } alive)
        {
            var length = _textLength;
            var candidates = schema.EnumStrings!;
            var found = false;
            for (var i = 0; i < candidates.Length && !found; i++)
            {
                found = alive[i] && candidates[i].Length == length;
            }

            if (!found)
            {
                FailEnum(check);
                return;
            }
        }

        if (schema.Pattern is { } pattern && !pattern.IsMatch(Text))
        {
            Fail(check, "pattern", $"Does not match the pattern '{pattern}'.");
            return;
        }

        if (schema.Format is { } format && !StringFormats.IsValid(format, Text))
        {
            Fail(check, "format", $"Not a valid {format}.");
        }
    }

    private void CheckObjectEnd(SchemaCheck check)
    {
        var schema = check.Schema;
        if (schema.Required is { } required)
        {
            foreach (var name in required)
            {
                if (check.Names?.Contains(name) != true)
                {
                    Fail(check, "required", $"Required property '{name}' is missing.");
                    return;
                }
            }
        }

        if (check.Count < schema.MinProperties)
        {
            Fail(check, "minProperties", $"Fewer than {schema.MinProperties} propert{(schema.MinProperties == 1 ? "y" : "ies")}.");
        }
    }

    /// <summary>An item of <paramref name="array"/> completed; the array's checks end where the item's begin.</summary>
    private void CheckUniqueItem(ref Frame array, int end, DocumentNode item)
    {
        // The canonical form buckets the items; equality is then exact. The canonical form writes numbers as doubles, so
        // 1234567890123456789 and 1234567890123456788 share a bucket, but they are different items.
        var canonical = System.Text.Encoding.UTF8.GetString(CanonicalJson.ToUtf8Bytes(item));
        for (var i = array.FirstCheck; i < end; i++)
        {
            var check = _checks[i];
            if (check.Failed || check.Dead || !check.Schema.UniqueItems)
            {
                continue;
            }

            var items = check.Items ??= new Dictionary<string, List<DocumentNode>>(StringComparer.Ordinal);
            if (!items.TryGetValue(canonical, out var same))
            {
                items[canonical] = [item];
            }
            else if (same.Exists(earlier => DocumentNode.DeepEquals(earlier, item)))
            {
                Fail(check, "uniqueItems", $"Item {array.Count - 1} repeats an earlier item.");
            }
            else
            {
                same.Add(item);
            }
        }
    }

    private void FailEnum(SchemaCheck check) =>
        Fail(check, check.Schema.EnumKeyword, check.Schema.EnumKeyword == "const"
            ? $"Must be {check.Schema.Enum![0].ToJsonString()}."
            : $"Must be one of {DescribeEnum(check.Schema.Enum!)}.");

    private void Fail(SchemaCheck check, string keyword, string message) => FailAt(check, PathOf(check.Depth), keyword, message);

    /// <summary>
    /// Marks a check failed and carries the failure up: through <c>allOf</c>, <c>$ref</c> and containers at once, through
    /// <c>anyOf</c>/<c>oneOf</c> only when the last alternative fails. Reaching the root makes it a violation; a failure
    /// inside an alternative that already failed is not one.
    /// </summary>
    private void FailAt(SchemaCheck check, string path, string keyword, string message)
    {
        check.Failed = true;
        while (true)
        {
            switch (check.Link)
            {
                case CheckLink.Root:
                    _violations.Add(new ValidationError(path, keyword, message));
                    return;
                case CheckLink.Child:
                case CheckLink.AllOf:
                    check = check.Parent!;
                    continue;
            }

            if (check.Dead)
            {
                return;
            }

            check.Dead = true;
            var parent = check.Parent!;
            var alive = check.Link == CheckLink.AnyOf ? --parent.AnyOfAlive : --parent.OneOfAlive;
            if (alive > 0)
            {
                return;
            }

            var composition = check.Link == CheckLink.AnyOf ? "anyOf" : "oneOf";
            (path, keyword, message) = (PathOf(parent.Depth), composition, $"Matches none of the {composition} alternatives; the last failed with: {message}");
            parent.Failed = true;
            check = parent;
        }
    }

    private static string DescribeEnum(DocumentNode[] values)
    {
        const int Shown = 5;
        var listed = string.Join(", ", values.Take(Shown).Select(v => v.ToJsonString()));
        return values.Length > Shown ? $"{listed} (and {values.Length - Shown} more)" : listed;
    }

    private static string DescribeType(JsonTypes type) => type switch
    {
        JsonTypes.Null => "null",
        JsonTypes.Boolean => "boolean",
        JsonTypes.Object => "object",
        JsonTypes.Array => "array",
        JsonTypes.Number or JsonTypes.Integer => "number",
        _ => "string",
    };

    private static string DescribeTypes(JsonTypes types)
    {
        var names = new List<string>();
        foreach (var (flag, name) in (ReadOnlySpan<(JsonTypes, string)>)[(JsonTypes.Object, "object"), (JsonTypes.Array, "array"), (JsonTypes.String, "string"), (JsonTypes.Number, "number"), (JsonTypes.Integer, "integer"), (JsonTypes.Boolean, "boolean"), (JsonTypes.Null, "null")])
        {
            if ((types & flag) != 0 && !(flag == JsonTypes.Integer && (types & JsonTypes.Number) != 0))
            {
                names.Add(name);
            }
        }

        return names.Count == 0 ? "nothing" : string.Join(" or ", names);
    }
}
