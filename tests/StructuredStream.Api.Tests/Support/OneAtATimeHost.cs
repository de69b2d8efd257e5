namespace StructuredStream.Api.Tests.Support;

/// <summary>The service running one stream per client at a time, with the usual short grace period, and one browser origin allowed.</summary>
public sealed class OneAtATimeHost : ServiceHost
{
    public const string AllowedOrigin = "https://app.example";

    public OneAtATimeHost()
        : base(new Dictionary<string, string?>
        {
            ["StructuredStream:Admission:ActivePerClient"] = "1",
            ["StructuredStream:Access:CorsOrigins:0"] = AllowedOrigin,
        })
    {
    }
}
