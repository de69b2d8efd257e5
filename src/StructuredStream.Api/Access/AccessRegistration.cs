using System.Threading.RateLimiting;
using StructuredStream.Api.Admission;

namespace StructuredStream.Api.Access;

/// <summary>Wires the limits on who calls the API and how often.</summary>
public static class AccessRegistration
{
    /// <summary>Requests per minute per client on <c>/v1</c>, and the browser origins allowed to call it.</summary>
    public static void AddAccessLimits(this IServiceCollection services, AccessOptions access)
    {
        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/v1")
                    ? RateLimitPartition.GetFixedWindowLimiter(ClientIdentity.Of(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = access.RequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("open"));
            limits.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"At most {access.RequestsPerMinute} requests a minute per client; try again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} s.")
                    .ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
            };
        });
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. access.CorsOrigins])
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "X-Api-Key", "Content-Type", "Accept", "Last-Event-ID")
            .WithExposedHeaders("X-Stream-Id", "Link", "Retry-After")));
    }
}
