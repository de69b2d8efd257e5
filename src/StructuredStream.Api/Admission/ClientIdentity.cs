using System.Security.Cryptography;
using System.Text;

namespace StructuredStream.Api.Admission;

/// <summary>
/// Whose stream a request starts, for the per-client caps: its API key (<c>X-Api-Key</c>, or a bearer token) when it
/// sends one, otherwise its address. Keys are hashed: the queue never holds a secret.
/// </summary>
public static class ClientIdentity
{
    /// <summary>The client of <paramref name="context"/>'s request.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = context.Request.Headers["X-Api-Key"].ToString();
        if (key.Length == 0 && context.Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization["Bearer ".Length..].Trim();
        }

        return key.Length > 0
            ? "key:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
