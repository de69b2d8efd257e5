namespace StructuredStream.Schemas;

/// <summary>Whether a schema fits a provider's structured-output subset, and every reason it does not.</summary>
/// <param name="Provider">The provider, such as <c>openai</c>.</param>
/// <param name="Reasons">Why it does not fit; empty when it does.</param>
public sealed record ProviderFit(string Provider, IReadOnlyList<SchemaProblem> Reasons)
{
    /// <summary>Whether the schema can be sent in the provider's strict mode.</summary>
    public bool Fits => Reasons.Count == 0;
}
