using StructuredStream.Api.Access;

namespace StructuredStream.Api.Tests.Support;

/// <summary>The service with two tenants' keys and a small request budget per client.</summary>
public sealed class AccessHost : ServiceHost
{
    public const string AlphaKey = "alpha-key-0123456789";
    public const string BetaKey = "beta-key-0123456789";
    public const string LimitedKey = "limited-key-0123456789";

    public AccessHost()
        : base(new Dictionary<string, string?>
        {
            ["StructuredStream:Access:Keys:0:Tenant"] = "alpha",
            ["StructuredStream:Access:Keys:0:Sha256"] = ApiKeys.Hash(AlphaKey),
            ["StructuredStream:Access:Keys:1:Tenant"] = "beta",
            ["StructuredStream:Access:Keys:1:Sha256"] = ApiKeys.Hash(BetaKey),
            ["StructuredStream:Access:Keys:2:Tenant"] = "limited",
            ["StructuredStream:Access:Keys:2:Sha256"] = ApiKeys.Hash(LimitedKey),
            ["StructuredStream:Access:RequestsPerMinute"] = "30",
        })
    {
    }

    public HttpClient Client(string key)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }
}
