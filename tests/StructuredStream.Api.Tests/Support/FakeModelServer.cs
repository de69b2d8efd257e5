using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// A model provider on a real loopback socket that speaks two streaming wire formats: OpenAI's chat completions
/// (<c>/v1/chat/completions</c>: SSE <c>data:</c> chunks, then <c>data: [DONE]</c>) and Ollama's native chat
/// (<c>/api/chat</c>: NDJSON lines, the last one <c>"done": true</c>). Each test scripts its own answers under a key
/// that its prompt carries, so tests sharing one fake do not see each other's calls.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeModelScript> _scripts = new();

    private FakeModelServer(WebApplication app) => _app = app;

    /// <summary>The server's root, which is Ollama's base URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The base URL for an OpenAI-compatible client, ending in <c>/v1</c>.</summary>
    public Uri OpenAiBaseUrl => new(BaseUrl, "v1");

    /// <summary>Calls whose body matched no script (a test sending the wrong prompt shows up here).</summary>
    public ConcurrentQueue<string> Unmatched { get; } = new();

    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeModelServer(app);
        app.MapPost("/v1/chat/completions", fake.HandleAsync);
        app.MapPost("/api/chat", fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Registers how to answer calls whose prompt contains the returned script's <see cref="FakeModelScript.Key"/>.</summary>
    public FakeModelScript Script(Func<FakeModelCall, Task> respond)
    {
        var script = new FakeModelScript(respond);
        _scripts[script.Key] = script;
        return script;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        foreach (var script in _scripts.Values)
        {
            if (body.Contains(script.Key, StringComparison.Ordinal))
            {
                var call = script.Begin(context, body);
                await script.Respond(call);
                return;
            }
        }

        Unmatched.Enqueue(body);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
