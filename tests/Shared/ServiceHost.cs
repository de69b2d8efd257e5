using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// The real service on a real loopback socket (Kestrel), or in process (TestServer) for <see cref="InProcessServiceHost"/>,
/// with the simulated model writing as fast as it can and short grace, heartbeat and time-out settings so behaviour
/// shows quickly. Fixtures can override settings.
/// </summary>
public class ServiceHost : WebApplicationFactory<Program>
{
    private readonly bool _overSocket;
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["StructuredStream:Model:Simulated:TokensPerSecond"] = "0",
        ["StructuredStream:Model:Simulated:FirstTokenMs"] = "0",
        ["StructuredStream:Model:Retry:MaxRetries"] = "0",
        ["StructuredStream:Model:Timeouts:StalledAfter"] = "00:00:00.300",
        ["StructuredStream:Model:Timeouts:Idle"] = "00:00:02",
        ["StructuredStream:Streams:ReaderGrace"] = "00:00:00.500",
        ["StructuredStream:Streams:Heartbeat"] = "00:00:00.200",
    };

    public ServiceHost()
        : this([])
    {
    }

    /// <summary>The same, with some settings replaced or added (for fixtures that need another model or policy).</summary>
    internal ServiceHost(IEnumerable<KeyValuePair<string, string?>> overrides, bool overSocket = true)
    {
        foreach (var (key, value) in overrides)
        {
            _settings[key] = value;
        }

        _overSocket = overSocket;
        if (overSocket)
        {
            UseKestrel(0);
        }

        StartServer();
    }

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
