using Microsoft.AspNetCore.Http;

namespace StructuredStream.Api.Tests.Support;

/// <summary>One test's answers from <see cref="FakeModelServer"/>, and the calls it received.</summary>
public sealed class FakeModelScript
{
    private readonly List<FakeModelCall> _calls = [];
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeModelScript(Func<FakeModelCall, Task> respond) => Respond = respond;

    /// <summary>Put this in the prompt.</summary>
    public string Key { get; } = "fake-" + Guid.NewGuid().ToString("N");

    internal Func<FakeModelCall, Task> Respond { get; }

    /// <summary>The calls so far, in order.</summary>
    public IReadOnlyList<FakeModelCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Completes with the first call.</summary>
    public Task<FakeModelCall> FirstCall => _called.Task.ContinueWith(_ => Calls[0], TaskScheduler.Default);

    internal FakeModelCall Begin(HttpContext context, string body)
    {
        FakeModelCall call;
        lock (_calls)
        {
            call = new FakeModelCall(context, body, _calls.Count + 1);
            _calls.Add(call);
        }

        _called.TrySetResult();
        return call;
    }
}
