using StructuredStream.Tests.Processes;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// Two service processes, A and B, sharing a real redis-server, both calling one fake OpenAI-compatible upstream:
/// what a load balancer in front of two instances sees. <see cref="StartInstanceAsync"/> starts more.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    /// <summary>How long a lease lasts here: a dead owner's streams end about this long after it died.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(3);

    private readonly List<ApiProcess> _instances = [];
    private RedisServer? _redis;

    public FakeModelServer Upstream { get; private set; } = null!;

    public ApiProcess A { get; private set; } = null!;

    public ApiProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RedisServer.SkipReason is not null)
        {
            return;
        }

        _redis = await RedisServer.StartAsync();
        Upstream = await FakeModelServer.StartAsync();
        A = await StartInstanceAsync("a");
        B = await StartInstanceAsync("b");
    }

    /// <summary>Another instance on the same upstream and on <paramref name="redis"/> (default: the shared Redis), with <paramref name="more"/> settings.</summary>
    public async Task<ApiProcess> StartInstanceAsync(string name, string? redis = null, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["StructuredStream:Model:Provider"] = "openai",
            ["StructuredStream:Model:Name"] = "fake-model",
            ["StructuredStream:Model:ApiKey"] = "test-key",
            ["StructuredStream:Model:BaseUrl"] = Upstream.OpenAiBaseUrl.ToString(),
            ["StructuredStream:Model:Retry:MaxRetries"] = "0",
            ["StructuredStream:Log:Kind"] = "redis",
            ["StructuredStream:Log:Redis:Configuration"] = redis ?? _redis!.Configuration,
            ["StructuredStream:Log:Redis:InstanceId"] = name,
            ["StructuredStream:Log:Redis:LeaseTime"] = LeaseTime.ToString(),
            ["StructuredStream:Streams:ReaderGrace"] = "00:00:03",
            ["StructuredStream:Streams:Heartbeat"] = "00:00:01",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var instance = await ApiProcess.StartAsync(settings);
        _instances.Add(instance);
        return instance;
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
