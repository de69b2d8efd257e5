using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;
using StructuredStream.Schemas;

namespace StructuredStream.Validation;

/// <summary>
/// JsonSchema.Net compiles <c>pattern</c> without a match time-out (a catastrophic pattern would hang a thread); this
/// draft 2020-12 dialect compiles it with one.
/// </summary>
internal static class TimedPatterns
{
    public static Dialect Dialect(TimeSpan matchTimeout) =>
        Json.Schema.Dialect.Draft202012
            .Without([PatternKeyword.Instance])
            .With([new TimedPatternKeyword(matchTimeout)], MetaSchemas.Draft202012Id);

    private sealed class TimedPatternKeyword(TimeSpan matchTimeout) : PatternKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value)
        {
            var compiled = base.ValidateKeywordValue(value);
            return compiled is Regex regex ? SchemaPatterns.Create(regex.ToString(), matchTimeout) : compiled;
        }
    }
}
