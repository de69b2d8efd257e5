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

    /// <summary>The largest request body on <c>/v1</c>, in bytes; larger is a 413. Default 1 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>The most characters of prompt and messages together in one request. Default 200,000.</summary>
    public int MaxPromptCharacters { get; init; } = 200_000;

    /// <summary>The default of <see cref="MaxSchemasPerTenant"/>.</summary>
    public const int DefaultMaxSchemasPerTenant = 100;

    /// <summary>
    /// The most named schemas one tenant may store (<c>PUT /v1/schemas/{id}</c>; replacing one always works). Each may
    /// be as large as the schema limit (512 KiB), and is kept compiled. Default 100.
    /// </summary>
    public int MaxSchemasPerTenant { get; init; } = DefaultMaxSchemasPerTenant;

    /// <summary>Origins whose pages may call the API from a browser (CORS). Default none.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];
}
