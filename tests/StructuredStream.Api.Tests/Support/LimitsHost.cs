namespace StructuredStream.Api.Tests.Support;

/// <summary>The service with small request limits, so the catalogue's oversized inputs stay cheap to send (and two named schemas per tenant).</summary>
public sealed class LimitsHost : ServiceHost
{
    public LimitsHost()
        : base(new Dictionary<string, string?>
        {
            ["StructuredStream:Access:MaxBodyBytes"] = "262144",
            ["StructuredStream:Access:MaxPromptCharacters"] = "1000",
            ["StructuredStream:Access:MaxSchemasPerTenant"] = "2",
        })
    {
    }
}
