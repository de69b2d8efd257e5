using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace StructuredStream.Api.Hosting;

/// <summary>
/// Writes problem details as <c>application/problem+json</c> whatever the request accepts. ASP.NET's own writer
/// writes them only for requests that accept JSON, so a failure reaching the API-wide mapping on a request for NDJSON
/// or SSE (every stream request) was a bare status code. Registered after that writer: JSON clients get its output.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    /// <inheritdoc />
    public bool CanWrite(ProblemDetailsContext context) => true;

    /// <inheritdoc />
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        // As the framework's writer does: the status's default type and title and the trace id first, then the
        // service's customizing.
        context.ProblemDetails.Status ??= context.HttpContext.Response.StatusCode;
        var problem = TypedResults.Problem(context.ProblemDetails).ProblemDetails;
        problem.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(problem, json.Value.SerializerOptions, "application/problem+json"));
    }
}
