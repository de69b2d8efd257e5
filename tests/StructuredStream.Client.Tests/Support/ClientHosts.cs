using StructuredStream.Api.Tests.Support;

namespace StructuredStream.Client.Tests.Support;

/// <summary>The service on a real socket, its simulated model paced so that a test can act mid-stream.</summary>
public sealed class PacedServiceHost : ServiceHost
{
    public PacedServiceHost()
        : base([new("StructuredStream:Model:Simulated:TokensPerSecond", "200"), new("StructuredStream:Streams:ReaderGrace", "00:00:05")])
    {
    }

    /// <summary>A client over the real socket, through <paramref name="handler"/> when given.</summary>
    public StructuredStreamClient StreamClient(StructuredStreamClientOptions? options = null, Func<HttpMessageHandler, HttpMessageHandler>? handler = null)
    {
        // Asking for gzip, as a browser does: every client test reads the stream compressed.
        var socket = new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip };
        var http = new HttpClient(handler is null ? socket : handler(socket)) { BaseAddress = ClientOptions.BaseAddress };
        return new StructuredStreamClient(http, options ?? new StructuredStreamClientOptions { Reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(50) } });
    }
}

/// <summary>One model call at a time per client, so a second stream waits in the line.</summary>
public sealed class OneSlotServiceHost : ServiceHost
{
    public OneSlotServiceHost()
        : base([new("StructuredStream:Admission:ActivePerClient", "1"), new("StructuredStream:Model:Simulated:TokensPerSecond", "100")])
    {
    }

    public StructuredStreamClient StreamClient() =>
        new(new HttpClient { BaseAddress = ClientOptions.BaseAddress });
}
