namespace StructuredStream.Api.Tests.Support;

/// <summary>The service with small caps: one running stream per client, one waiting, two model calls in all.</summary>
public sealed class AdmissionHost : ServiceHost
{
    public AdmissionHost()
        : base(new Dictionary<string, string?>
        {
            ["StructuredStream:Admission:ActivePerClient"] = "1",
            ["StructuredStream:Admission:QueuePerClient"] = "1",
            ["StructuredStream:Admission:ActiveModelCalls"] = "2",
            ["StructuredStream:Admission:RetryAfter"] = "00:00:07",
            ["StructuredStream:Streams:ReaderGrace"] = "00:00:30",
        })
    {
    }
}
