using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace StructuredStream.Api.Tests.Support;

/// <summary>
/// A model that follows a script on a (fake) clock: text pieces, pauses, a hang, a fault. <see cref="Parked"/> tells a
/// test when the model is waiting, so the test moves the clock only once the stream has caught up with it.
/// </summary>
internal sealed class ScriptedChatClient(TimeProvider time, params ScriptStep[] script) : IChatClient
{
    private TaskCompletionSource _parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Calls whose first this many attempts fail with <see cref="FailWith"/> before writing anything.</summary>
    public int FailFirstCalls { get; init; }

    public Exception FailWith { get; init; } = new HttpRequestException("The engine is overloaded.", null, System.Net.HttpStatusCode.ServiceUnavailable);

    /// <summary>The script of every call after the first (default: the same script again).</summary>
    public IReadOnlyList<ScriptStep>? LaterCalls { get; init; }

    /// <summary>Closing a call before its end fails with this (a provider's client that trips over its own connection).</summary>
    public Exception? FailToClose { get; init; }

    /// <summary>How many times the model was called.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Completes when the script is waiting (in a pause or a hang): everything before it has been read.</summary>
    public Task Parked => Volatile.Read(ref _parked).Task;

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        var updates = FollowAsync(call, cancellationToken);
        return FailToClose is null ? updates : new FailingToClose(updates, FailToClose);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> FollowAsync(int call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (call <= FailFirstCalls)
        {
            throw FailWith;
        }

        foreach (var step in call > 1 && LaterCalls is not null ? LaterCalls : script)
        {
            switch (step)
            {
                case ScriptStep.Text text:
                    yield return new ChatResponseUpdate(ChatRole.Assistant, text.Value);
                    break;
                case ScriptStep.Pause pause:
                    await WaitAsync(pause.Length, cancellationToken);
                    break;
                case ScriptStep.Hang:
                    await WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
                    break;
                case ScriptStep.Fail fail:
                    throw fail.Exception;
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Streams only.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private async Task WaitAsync(TimeSpan length, CancellationToken cancellationToken)
    {
        // The timer is on the clock before the test hears "parked", and "parked" is withdrawn inside the timer's own
        // callback, which FakeTimeProvider.Advance runs before it returns: the test can neither move the clock before
        // the model waits on it nor see the old "parked" after the model has woken.
        var parked = Volatile.Read(ref _parked);
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Unpark() => Interlocked.CompareExchange(ref _parked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), parked);
        using var timer = time.CreateTimer(_ =>
        {
            Unpark();
            woken.TrySetResult();
        }, null, length, Timeout.InfiniteTimeSpan);
        await using var cancelled = cancellationToken.Register(() =>
        {
            Unpark();
            woken.TrySetCanceled(cancellationToken);
        });
        parked.TrySetResult();
        await woken.Task;
    }

    /// <summary>Updates whose enumerator throws when disposed before it ended.</summary>
    private sealed class FailingToClose(IAsyncEnumerable<ChatResponseUpdate> updates, Exception failure) : IAsyncEnumerable<ChatResponseUpdate>
    {
        public IAsyncEnumerator<ChatResponseUpdate> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            new Enumerator(updates.GetAsyncEnumerator(cancellationToken), failure);

        private sealed class Enumerator(IAsyncEnumerator<ChatResponseUpdate> inner, Exception failure) : IAsyncEnumerator<ChatResponseUpdate>
        {
            private bool _ended;

            public ChatResponseUpdate Current => inner.Current;

            public async ValueTask<bool> MoveNextAsync()
            {
                var more = await inner.MoveNextAsync();
                _ended = !more;
                return more;
            }

            public async ValueTask DisposeAsync()
            {
                await inner.DisposeAsync();
                if (!_ended)
                {
                    throw failure;
                }
            }
        }
    }
}
