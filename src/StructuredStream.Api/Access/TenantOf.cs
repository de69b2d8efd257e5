namespace StructuredStream.Api.Access;

/// <summary>The tenant a request acts for, set by <see cref="ApiKeyMiddleware"/>.</summary>
public static class TenantOf
{
    private static readonly object Key = new();

    /// <summary>The request's tenant (<see cref="ApiKeys.SingleTenant"/> without keys).</summary>
    public static string Request(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var tenant) && tenant is string name ? name : ApiKeys.SingleTenant;
    }

    internal static void Set(HttpContext context, string tenant) => context.Items[Key] = tenant;
}
