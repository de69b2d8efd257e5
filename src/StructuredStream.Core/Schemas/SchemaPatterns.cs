using System.Text.RegularExpressions;

namespace StructuredStream.Schemas;

/// <summary>Regular expressions of <c>pattern</c> and <c>patternProperties</c>.</summary>
internal static class SchemaPatterns
{
    /// <summary>
    /// ECMAScript semantics, as JsonSchema.Net compiles them, so the partial validator never disagrees with the final one;
    /// and always a match time-out, so a catastrophic pattern fails a stream instead of hanging a thread.
    /// </summary>
    public static Regex Create(string pattern, TimeSpan matchTimeout) =>
        new(pattern, RegexOptions.ECMAScript, matchTimeout);
}
