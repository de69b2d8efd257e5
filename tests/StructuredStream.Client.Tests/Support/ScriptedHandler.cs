using System.Net;
using System.Text;

namespace StructuredStream.Client.Tests.Support;

/// <summary>
/// A service that answers each request with the next of its NDJSON bodies (the last one again when they run out): a
/// body that ends before <c>final</c> is a dropped connection to the client; a null body is an answer that never comes.
/// </summary>
internal sealed class ScriptedHandler(params string?[] bodies) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A body of whole lines, one per event.</summary>
    public static string Lines(params string[] events) => string.Concat(events.Select(e => e + "\n"));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _requests) - 1;
        var body = bodies[Math.Min(index, bodies.Length - 1)];
        if (body is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var content = new StringContent(body!, Encoding.UTF8, "application/x-ndjson");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.Add("X-Stream-Id", "st_test");
        return response;
    }
}
