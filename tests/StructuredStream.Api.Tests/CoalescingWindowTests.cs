using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using StructuredStream.Api.Streams;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>The window on a fake clock: chunks within it are held, and held events go out when it ends, model or not.</summary>
public sealed class CoalescingWindowTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Chunks_within_the_window_are_held_and_the_first_after_it_takes_them_all_out()
    {
        var window = new CoalescingWindow(TimeSpan.FromMilliseconds(100), _time);

        Assert.True(window.Hold(Batch("a"), finished: false));
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.True(window.Hold(Batch("b"), finished: false));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var third = Batch("c");

        Assert.False(window.Hold(third, finished: false));
        Assert.Equal(2, third.Count);
        Assert.Equal(["/a", "/b", "/c"], Assert.IsType<PatchEvent>(third[0]).Ops.Select(op => op.Path));
        Assert.Equal(["/a", "/b", "/c"], Assert.IsType<CompleteEvent>(third[1]).Paths);
    }

    [Fact]
    public void Anything_but_patches_and_completes_and_the_end_take_out_what_is_held_first()
    {
        var window = new CoalescingWindow(TimeSpan.FromSeconds(1), _time);
        Assert.True(window.Hold(Batch("a"), finished: false));
        List<StreamEvent> status = [new StatusEvent(StreamPhases.Tool) { Name = "search" }];

        Assert.False(window.Hold(status, finished: false));
        Assert.Equal([typeof(PatchEvent), typeof(CompleteEvent), typeof(StatusEvent)], status.Select(e => e.GetType()));

        Assert.True(window.Hold(Batch("b"), finished: false));
        var last = Batch("c");
        Assert.False(window.Hold(last, finished: true));
        Assert.Equal(["/b", "/b", "/c", "/c"], last.SelectMany(e => e is PatchEvent p ? p.Ops.Select(op => op.Path) : ((CompleteEvent)e).Paths));
    }

    [Fact]
    public async Task Held_events_go_out_when_the_window_ends_while_the_model_is_silent()
    {
        var window = new CoalescingWindow(TimeSpan.FromMilliseconds(100), _time);
        Assert.True(window.Hold(Batch("a"), finished: false));
        var model = new SilentModel();
        var appended = new List<StreamEvent>();
        var batch = new List<StreamEvent>();

        var next = window.NextAsync(model, batch, held => { appended.AddRange(held); held.Clear(); return Task.CompletedTask; }).AsTask();
        Assert.Empty(appended);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await WaitUntil(() => appended.Count > 0);

        Assert.Equal("/a", Assert.Single(Assert.Single(appended.OfType<PatchEvent>()).Ops).Path);
        Assert.Equal(["/a"], Assert.Single(appended.OfType<CompleteEvent>()).Paths);
        Assert.False(next.IsCompleted, "the model's next update is still awaited");
        model.Answer(true);
        Assert.True(await next);
    }

    private static List<StreamEvent> Batch(string member) =>
        [new PatchEvent([new PatchOperation(PatchOperationKind.Add, "/" + member, new StringNode(member))]), new CompleteEvent(["/" + member])];

    private static async Task WaitUntil(Func<bool> condition)
    {
        // The delay's continuation runs on the thread pool after Advance returns.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>A model whose next update comes only when the test says so.</summary>
    private sealed class SilentModel : IAsyncEnumerator<ChatResponseUpdate>
    {
        private readonly TaskCompletionSource<bool> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChatResponseUpdate Current { get; } = new(ChatRole.Assistant, "x");

        public void Answer(bool more) => _next.SetResult(more);

        public ValueTask<bool> MoveNextAsync() => new(_next.Task);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
