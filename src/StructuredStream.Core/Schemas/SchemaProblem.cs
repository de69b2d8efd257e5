namespace StructuredStream.Schemas;

/// <summary>One reason a schema is refused.</summary>
/// <param name="Location">JSON Pointer into the schema where the problem is (<c>""</c>: the whole schema).</param>
/// <param name="Message">What is wrong and, where it helps, what to write instead.</param>
public sealed record SchemaProblem(string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Location.Length == 0 ? Message : $"{Location}: {Message}";
}
