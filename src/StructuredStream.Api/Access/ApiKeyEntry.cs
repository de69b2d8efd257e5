namespace StructuredStream.Api.Access;

/// <summary>One API key: its tenant and the lowercase hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
public sealed record ApiKeyEntry
{
    /// <summary>The tenant the key acts for; its streams and schemas are the tenant's.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>The key's SHA-256, lowercase hex.</summary>
    public string Sha256 { get; init; } = "";
}
