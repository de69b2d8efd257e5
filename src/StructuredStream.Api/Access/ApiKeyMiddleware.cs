namespace StructuredStream.Api.Access;

/// <summary>
/// On <c>/v1</c>: caps the request body (413 problem past <see cref="AccessOptions.MaxBodyBytes"/>), requires a known
/// API key when keys are configured (401 problem otherwise), and records the key's tenant for the endpoints. Health
/// and Swagger stay open.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, AccessOptions options)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            await TooLarge(options).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // A body without a length (chunked) is cut off by the server at the same size; the endpoints say so.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = options.MaxBodyBytes;
        }

        if (!keys.Required)
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

    /// <summary>The problem of a body over the limit.</summary>
    public static IResult TooLarge(AccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large",
            detail: $"Request bodies are limited to {options.MaxBodyBytes} bytes (StructuredStream:Access:MaxBodyBytes).");
    }
}
