using Microsoft.AspNetCore.Http;

namespace StructuredStream.Api.Tests.Support;

/// <summary>One test's answers from <see cref="FakeOpenAi"/>, and the calls it received.</summary>
public sealed class FakeOpenAiScript
{
    private readonly List<FakeOpenAiCall> _calls = [];
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeOpenAiScript(Func<FakeOpenAiCall, Task> respond) => Respond = respond;

    /// <summary>Put this in the prompt.</summary>
    public string Key { get; } = "fake-" + Guid.NewGuid().ToString("N");

    internal Func<FakeOpenAiCall, Task> Respond { get; }

    /// <summary>The calls so far, in order.</summary>
    public IReadOnlyList<FakeOpenAiCall> Calls
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
    public Task<FakeOpenAiCall> FirstCall => _called.Task.ContinueWith(_ => Calls[0], TaskScheduler.Default);

    internal FakeOpenAiCall Begin(HttpContext context, string body)
    {
        FakeOpenAiCall call;
        lock (_calls)
        {
            call = new FakeOpenAiCall(context, body, _calls.Count + 1);
            _calls.Add(call);
        }

        _called.TrySetResult();
        return call;
    }
}
