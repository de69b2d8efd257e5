namespace StructuredStream.Api.Tests.Support;

/// <summary>The same service in process (TestServer): no socket, the same pipeline and endpoints.</summary>
public sealed class InProcessServiceHost : ServiceHost
{
    public InProcessServiceHost()
        : base([], overSocket: false)
    {
    }
}
