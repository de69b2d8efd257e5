namespace StructuredStream.Api.Access;

/// <summary>Who may use the service (configuration <c>StructuredStream:Access</c>).</summary>
public sealed record AccessOptions
{
    /// <summary>
    /// The API keys, each with its tenant, stored as SHA-256 hashes. Without any, the service has one tenant and
    /// listens on loopback only (see <see cref="AllowAnonymousNetwork"/>).
    /// </summary>
    public IReadOnlyList<ApiKeyEntry> Keys { get; init; } = [];

    /// <summary>Serve other interfaces without keys (behind a gateway that authenticates, say). Default false.</summary>
    public bool AllowAnonymousNetwork { get; init; }

    /// <summary>Requests one client (API key, or address without keys) may make per minute to <c>/v1</c>. Default 600.</summary>
    public int RequestsPerMinute { get; init; } = 600;

    /// <summary>Origins whose pages may call the API from a browser (CORS). Default none.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];
}
