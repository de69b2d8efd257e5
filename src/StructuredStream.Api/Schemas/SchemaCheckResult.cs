using StructuredStream.Schemas;

namespace StructuredStream.Api.Schemas;

/// <summary>The answer of a schema check: whether it is accepted, and whether it fits a provider's strict mode.</summary>
/// <param name="Accepted">Whether this service accepts the schema.</param>
/// <param name="Hash">Its hash, when accepted.</param>
/// <param name="Problems">Why it is refused.</param>
/// <param name="Provider">The provider checked, if one was asked for.</param>
/// <param name="FitsProvider">Whether it fits that provider's strict mode.</param>
/// <param name="ProviderReasons">Why it does not fit.</param>
public sealed record SchemaCheckResult(
    bool Accepted,
    string? Hash,
    IReadOnlyList<SchemaProblem> Problems,
    string? Provider,
    bool? FitsProvider,
    IReadOnlyList<SchemaProblem> ProviderReasons);
