using System.Security.Cryptography;
using System.Text;

namespace StructuredStream.Api.Access;

/// <summary>
/// Finds the tenant of a request from its key (<c>Authorization: Bearer</c> or <c>X-Api-Key</c>). Keys are compared
/// by their hashes, so the configuration never holds a key itself.
/// </summary>
public sealed class ApiKeys
{
    /// <summary>The tenant of every request when no keys are configured.</summary>
    public const string SingleTenant = "default";

    private readonly Dictionary<string, string> _tenantByHash = new(StringComparer.Ordinal);

    /// <summary>Reads the configured keys.</summary>
    /// <exception cref="InvalidOperationException">A key entry lacks a tenant or a 64-character hex hash.</exception>
    public ApiKeys(AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (entry, i) in options.Keys.Select((k, i) => (k, i)))
        {
            if (entry.Tenant.Length == 0 || entry.Sha256.Length != 64 || !entry.Sha256.All(Uri.IsHexDigit))
            {
                throw new InvalidOperationException(
                    $"StructuredStream:Access:Keys:{i} needs a Tenant and a Sha256 of 64 hex digits (printf %s \"$KEY\" | sha256sum).");
            }

            _tenantByHash[entry.Sha256.ToLowerInvariant()] = entry.Tenant;
        }
    }

    /// <summary>Whether keys are required.</summary>
    public bool Required => _tenantByHash.Count > 0;

    /// <summary>The key a request presents, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7 ? authorization[7..].Trim() : null;
    }

    /// <summary>The lowercase hex SHA-256 of a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The tenant of a presented key, or null when the key is unknown.</summary>
    public string? TenantOf(string key) => _tenantByHash.GetValueOrDefault(Hash(key));
}
