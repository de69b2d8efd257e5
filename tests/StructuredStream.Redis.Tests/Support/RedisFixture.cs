using StackExchange.Redis;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Redis.Tests.Support;

/// <summary>One redis-server for a test class, and a fresh key prefix per log, so tests never see each other's keys.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private int _prefixes;

    public RedisServer Server => _server ?? throw new InvalidOperationException(RedisServer.SkipReason);

    /// <summary>A connection of its own, as another instance of the service would have.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync(string? more = null) =>
        ConnectionMultiplexer.ConnectAsync(more is null ? Server.Configuration : $"{Server.Configuration},{more}");

    public string NewPrefix() => $"t{Interlocked.Increment(ref _prefixes)}:";

    public async Task InitializeAsync()
    {
        if (RedisServer.SkipReason is null)
        {
            _server = await RedisServer.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
