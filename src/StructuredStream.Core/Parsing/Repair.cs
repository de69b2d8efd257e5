namespace StructuredStream.Parsing;

/// <summary>One kind of repair, how often it was made, and where it was first made (UTF-16 offset into the text).</summary>
public sealed record Repair(RepairKind Kind, int Count, long Offset)
{
    /// <summary>The wire name of a repair kind, such as <c>trailing_comma</c>.</summary>
    public static string WireName(RepairKind kind) => kind switch
    {
        RepairKind.ByteOrderMark => "byte_order_mark",
        RepairKind.LeadingText => "leading_text",
        RepairKind.CodeFence => "code_fence",
        RepairKind.TrailingText => "trailing_text",
        RepairKind.TrailingComma => "trailing_comma",
        RepairKind.Comment => "comment",
        RepairKind.ControlCharacter => "control_character",
        RepairKind.InvalidEscape => "invalid_escape",
        RepairKind.InvalidUnicode => "invalid_unicode",
        RepairKind.InvalidUtf8 => "invalid_utf8",
        RepairKind.DuplicateKey => "duplicate_key",
        RepairKind.Truncated => "truncated",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The repair kind named by a wire name.</summary>
    public static bool TryParseWireName(string name, out RepairKind kind)
    {
        foreach (var candidate in Enum.GetValues<RepairKind>())
        {
            if (WireName(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
