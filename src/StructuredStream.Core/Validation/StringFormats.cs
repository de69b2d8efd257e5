using System.Text.Json;
using Json.Schema;

namespace StructuredStream.Validation;

/// <summary>
/// The <c>format</c> checks of the partial validator. They are JsonSchema.Net's own, so a string flagged while
/// streaming is flagged by the final validation too.
/// </summary>
internal static class StringFormats
{
    public static bool IsValid(string format, ReadOnlySpan<char> text)
    {
        Format? checker = format switch
        {
            "date-time" => Formats.DateTime,
            "date" => Formats.Date,
            "time" => Formats.Time,
            "email" => Formats.Email,
            "uri" => Formats.Uri,
            "uuid" => Formats.Uuid,
            "ipv4" => Formats.Ipv4,
            "ipv6" => Formats.Ipv6,
            _ => null,
        };
        if (checker is null)
        {
            return true;
        }

        var element = JsonSerializer.SerializeToElement(text.ToString());
        return checker.Validate(element, out _);
    }
}
