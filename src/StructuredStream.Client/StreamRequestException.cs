using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StructuredStream.Client;

/// <summary>The service refused a request with an RFC 9457 problem (a bad schema, an unknown stream, a full queue).</summary>
public sealed class StreamRequestException : Exception
{
    /// <summary>Creates the exception for a refused request.</summary>
    public StreamRequestException(HttpStatusCode status, JsonObject? problem, TimeSpan? retryAfter)
        : base(MessageOf(status, problem))
    {
        Status = status;
        Problem = problem;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public StreamRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StreamRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public StreamRequestException()
    {
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem document as sent, when the answer had one.</summary>
    public JsonObject? Problem { get; }

    /// <summary>The problem's <c>title</c>.</summary>
    public string? Title => Problem?["title"]?.GetValueKind() == JsonValueKind.String ? (string?)Problem["title"] : null;

    /// <summary>The problem's <c>detail</c>.</summary>
    public string? Detail => Problem?["detail"]?.GetValueKind() == JsonValueKind.String ? (string?)Problem["detail"] : null;

    /// <summary>When to ask again (a 429's or 503's <c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; }

    internal static async Task<StreamRequestException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonObject? problem = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            problem = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, say): the status alone says what happened.
        }

        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        return new StreamRequestException(response.StatusCode, problem, retryAfter);
    }

    private static string MessageOf(HttpStatusCode status, JsonObject? problem)
    {
        var title = problem?["title"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        var detail = problem?["detail"] is JsonValue d && d.TryGetValue<string>(out var ds) ? ds : null;
        var what = title is null ? $"The service answered {(int)status} {status}" : $"{title} ({(int)status})";
        return detail is null ? what + "." : $"{what}: {detail}";
    }
}
