namespace StructuredStream.Api.Tests.Support;

/// <summary>The service configured for the <c>openai</c> provider, pointed at a <see cref="FakeOpenAi"/>.</summary>
public abstract class OpenAiServiceHost : IAsyncLifetime
{
    public FakeOpenAi Upstream { get; private set; } = null!;

    public ServiceHost Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await FakeOpenAi.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["StructuredStream:Model:Provider"] = "openai",
            ["StructuredStream:Model:Name"] = "fake-model",
            ["StructuredStream:Model:ApiKey"] = "test-key",
            ["StructuredStream:Model:BaseUrl"] = Upstream.BaseUrl.ToString(),
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Service = new ServiceHost(settings);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    /// <summary>What this fixture sets on top of the provider.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }
}
