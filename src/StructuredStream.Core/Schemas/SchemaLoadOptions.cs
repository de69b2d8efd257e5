namespace StructuredStream.Schemas;

/// <summary>Options of <see cref="SchemaLoader"/>.</summary>
public sealed record SchemaLoadOptions
{
    /// <summary>The defaults: <see cref="SchemaLimits.Default"/>, formats asserted, no other documents.</summary>
    public static SchemaLoadOptions Default { get; } = new();

    /// <summary>Size limits and the pattern match time-out.</summary>
    public SchemaLimits Limits { get; init; } = SchemaLimits.Default;

    /// <summary>
    /// Whether <c>format</c> is an assertion (a string that is not a valid <c>date-time</c> fails) rather than the
    /// annotation draft 2020-12 makes it by default. Default <see langword="true"/>: model output is checked.
    /// </summary>
    public bool AssertFormats { get; init; } = true;

    /// <summary>
    /// Schema documents a <c>$ref</c> may point to, by absolute URI, in addition to the schema itself. Nothing is
    /// ever fetched: a reference to a document neither here nor inside the schema is refused. Empty by default;
    /// the conformance tests map the suite's remotes here.
    /// </summary>
    public IReadOnlyDictionary<Uri, string> KnownDocuments { get; init; } = new Dictionary<Uri, string>();
}
