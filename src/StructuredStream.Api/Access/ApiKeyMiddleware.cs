namespace StructuredStream.Api.Access;

/// <summary>
/// Requires a known API key on <c>/v1</c> when keys are configured (401 problem otherwise), and records the key's
/// tenant for the endpoints. Health and Swagger stay open.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!keys.Required || !context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var presented = ApiKeys.Presented(context.Request);
        if (presented is not null && keys.TenantOf(presented) is { } tenant)
        {
            TenantOf.Set(context, tenant);
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        // Written whatever the request accepts (an event stream, say): the client must learn why.
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required",
            detail: presented is null
                ? "Send your API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'."
                : "The API key is not known here.").ExecuteAsync(context).ConfigureAwait(false);
    }
}
