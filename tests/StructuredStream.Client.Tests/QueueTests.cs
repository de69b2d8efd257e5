using StructuredStream.Client.Tests.Support;

namespace StructuredStream.Client.Tests;

/// <summary>The phases a user interface shows: queued with its place in the line, then generating.</summary>
public sealed class QueueTests(OneSlotServiceHost host) : IClassFixture<OneSlotServiceHost>
{
    [Fact]
    public async Task A_stream_waiting_for_a_slot_is_queued_with_its_position_then_generates()
    {
        var client = host.StreamClient();
        using var first = new CancellationTokenSource();
        var generating = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(async () =>
        {
            await foreach (var update in client.StreamAsync(new StreamRequest { SchemaId = "research-answer", Prompt = "slow" }, first.Token))
            {
                if (update.Phase == StreamPhase.Generating)
                {
                    generating.TrySetResult();
                }
            }
        });
        await generating.Task;

        var phases = new List<(StreamPhase Phase, int? Position)>();
        var sawQueued = false;
        await foreach (var update in client.StreamAsync(new StreamRequest { SchemaId = "chat", Prompt = "next" }))
        {
            phases.Add((update.Phase, update.Position));
            if (update.Phase == StreamPhase.Queued && !sawQueued)
            {
                sawQueued = true;
                await first.CancelAsync();
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Contains((StreamPhase.Queued, (int?)1), phases);
        var queued = phases.FindIndex(p => p.Phase == StreamPhase.Queued);
        Assert.Contains(phases.Skip(queued), p => p.Phase == StreamPhase.Generating);
        Assert.Equal(StreamPhase.Done, phases[^1].Phase);
    }
}
