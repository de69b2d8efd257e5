using StructuredStream.Api.Access;

namespace StructuredStream.Api.Admission;

/// <summary>
/// Whose stream a request starts, for the per-client caps and rate limits: its API key when it sends one, otherwise
/// its address. Keys are hashed: the caps never hold a secret.
/// </summary>
public static class ClientIdentity
{
    /// <summary>The client of <paramref name="context"/>'s request.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ApiKeys.Presented(context.Request) is { } key
            ? "key:" + ApiKeys.Hash(key)[..16]
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
