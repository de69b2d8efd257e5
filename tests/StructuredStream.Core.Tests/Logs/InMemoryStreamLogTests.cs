using Microsoft.Extensions.Time.Testing;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Protocol;

namespace StructuredStream.Tests.Logs;

public sealed class InMemoryStreamLogTests
{
    private static readonly StreamDescriptor Stream = new("s1", "sha256:00", "simulated", DateTimeOffset.UnixEpoch);

    private static CompleteEvent Complete(string path) => new([path]);

    private static FinalEvent Final() => new(StreamOutcome.Completed, LiteralNode.Null, [], [], "sha256:x");

    [Fact]
    public async Task Events_are_numbered_from_one_and_read_from_any_cursor()
    {
        var log = new InMemoryStreamLog();
        await log.CreateAsync(Stream);

        Assert.Equal(2, await log.AppendAsync("s1", [Complete("/a"), Complete("/b")]));
        Assert.Equal(3, await log.AppendAsync("s1", [Complete("/c")]));

        var all = await log.ReadAsync("s1", 0, 100);
        Assert.Equal([1L, 2, 3], all.Select(e => e.Seq));
        var rest = await log.ReadAsync("s1", 1, 1);
        Assert.Equal((2L, "/b"), (rest.Single().Seq, ((CompleteEvent)rest.Single().Event).Paths[0]));
    }

    [Fact]
    public async Task A_reader_at_the_end_waits_for_the_next_append_and_a_finished_stream_ends_reads()
    {
        var log = new InMemoryStreamLog();
        await log.CreateAsync(Stream);
        await log.AppendAsync("s1", [Complete("/a")]);

        var waiting = log.ReadAsync("s1", 1, 10).AsTask();
        Assert.False(waiting.IsCompleted);
        await log.AppendAsync("s1", [Complete("/b"), Final()]);

        Assert.Equal([2L, 3], (await waiting).Select(e => e.Seq));
        Assert.Empty(await log.ReadAsync("s1", 3, 10));
        Assert.True((await log.GetAsync("s1"))!.IsFinished);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await log.AppendAsync("s1", [Complete("/c")]));
    }

    [Fact]
    public async Task A_cursor_past_the_end_or_an_unknown_stream_is_refused_precisely()
    {
        var log = new InMemoryStreamLog();
        await log.CreateAsync(Stream);
        await log.AppendAsync("s1", [Complete("/a")]);

        var past = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await log.ReadAsync("s1", 5, 10));
        Assert.Contains("has 1 events", past.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StreamNotFoundException>(async () => await log.ReadAsync("nope", 0, 10));
        Assert.Null(await log.GetAsync("nope"));
    }

    [Fact]
    public async Task A_waiting_read_is_cancelled_by_its_token()
    {
        var log = new InMemoryStreamLog();
        await log.CreateAsync(Stream);
        using var cts = new CancellationTokenSource();

        var waiting = log.ReadAsync("s1", 0, 10, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Ended_streams_are_kept_for_the_retention_time_then_dropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var log = new InMemoryStreamLog(new InMemoryStreamLogOptions { RetainFor = TimeSpan.FromMinutes(5) }, time);
        await log.CreateAsync(Stream);
        await log.AppendAsync("s1", [Final()]);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.NotNull(await log.GetAsync("s1"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await log.GetAsync("s1"));
        await Assert.ThrowsAsync<StreamNotFoundException>(async () => await log.ReadAsync("s1", 0, 10));
    }

    [Fact]
    public async Task At_the_cap_the_oldest_ended_stream_makes_room_and_running_ones_are_never_dropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var log = new InMemoryStreamLog(new InMemoryStreamLogOptions { MaxStreams = 2 }, time);
        await log.CreateAsync(Stream with { Id = "old" });
        await log.AppendAsync("old", [Final()]);
        await log.CreateAsync(Stream with { Id = "running" });

        await log.CreateAsync(Stream with { Id = "new" });

        Assert.Null(await log.GetAsync("old"));
        Assert.NotNull(await log.GetAsync("running"));
        var full = await Assert.ThrowsAsync<StreamLogFullException>(async () => await log.CreateAsync(Stream with { Id = "one-more" }));
        Assert.Contains("2 streams", full.Message, StringComparison.Ordinal);
    }
}
