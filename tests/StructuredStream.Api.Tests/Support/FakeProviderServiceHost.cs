namespace StructuredStream.Api.Tests.Support;

/// <summary>The service configured for a real provider (<c>openai</c> unless a fixture says otherwise), pointed at a <see cref="FakeModelServer"/>.</summary>
public abstract class FakeProviderServiceHost : IAsyncLifetime
{
    public FakeModelServer Upstream { get; private set; } = null!;

    public ServiceHost Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await FakeModelServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["StructuredStream:Model:Provider"] = Provider,
            ["StructuredStream:Model:Name"] = "fake-model",
            ["StructuredStream:Model:ApiKey"] = "test-key",
            ["StructuredStream:Model:BaseUrl"] = (Provider == "ollama" ? Upstream.BaseUrl : Upstream.OpenAiBaseUrl).ToString(),
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

    /// <summary>The provider the service is configured with.</summary>
    protected virtual string Provider => "openai";

    /// <summary>What this fixture sets on top of the provider.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }
}
