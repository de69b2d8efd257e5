using System.Net;
using System.Text.Json;

namespace StructuredStream.Api.Models;

/// <summary>
/// Turns Ollama's refusals into <see cref="HttpRequestException"/>s that carry its status and its own words
/// (<c>{"error": "model 'x' not found, try pulling it first"}</c>): OllamaSharp reports only the status code, and
/// the words are what tells a user what to do.
/// </summary>
internal sealed class OllamaErrorReader : DelegatingHandler
{
    // An error body is a sentence; a proxy's HTML page is cut here.
    private const int MaxErrorChars = 2048;

    public OllamaErrorReader(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(ErrorText(body) ?? response.ReasonPhrase ?? "no reason given", null, response.StatusCode);
        }
    }

    private static string? ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString();
            }
        }
        catch (JsonException)
        {
        }

        return body.Length == 0 ? null : body[..Math.Min(body.Length, MaxErrorChars)];
    }
}
