using StackExchange.Redis;
using StructuredStream.Documents;
using StructuredStream.Logs;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Redis.Tests.Support;
using StructuredStream.Streaming;
using StructuredStream.Tests.Processes;
using StructuredStream.Tests.Shared;

namespace StructuredStream.Redis.Tests;

public sealed class RedisStreamLogTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly StreamDescriptor Stream = new("s1", "sha256:00", "simulated", DateTimeOffset.UnixEpoch);
    private readonly List<IAsyncDisposable> _owned = [];

    [RedisFact]
    public async Task Events_appended_on_one_instance_are_read_on_another_from_any_cursor()
    {
        var (a, b) = await TwoInstancesAsync();
        await a.CreateAsync(Stream);

        Assert.Equal(2, await a.AppendAsync("s1", [Complete("/a"), Complete("/b")]));
        Assert.Equal(3, await a.AppendAsync("s1", [Complete("/c")]));

        Assert.Equal([1L, 2, 3], (await b.ReadAsync("s1", 0, 100)).Select(e => e.Seq));
        var rest = Assert.Single(await b.ReadAsync("s1", 1, 1));
        Assert.Equal((2L, "/b"), (rest.Seq, ((CompleteEvent)rest.Event).Paths[0]));
        Assert.Equal(new StreamSnapshot(Stream, 3, false), await b.GetAsync("s1"));
    }

    [RedisFact]
    public async Task A_reader_waiting_on_another_instance_wakes_at_the_append_and_a_finished_stream_ends_reads()
    {
        var (a, b) = await TwoInstancesAsync(poll: TimeSpan.FromMinutes(1)); // only the pub/sub wake-up can end the wait
        await a.CreateAsync(Stream);
        await a.AppendAsync("s1", [Complete("/a")]);

        var waiting = b.ReadAsync("s1", 1, 10).AsTask();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        await a.AppendAsync("s1", [Complete("/b"), Final()]);

        Assert.Equal([2L, 3], (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Select(e => e.Seq));
        Assert.Empty(await b.ReadAsync("s1", 3, 10));
        Assert.True((await b.GetAsync("s1"))!.IsFinished);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await a.AppendAsync("s1", [Complete("/c")]));
    }

    [RedisFact]
    public async Task A_cursor_past_the_end_an_unknown_stream_and_a_cancelled_wait_are_reported_precisely()
    {
        var (a, b) = await TwoInstancesAsync();
        await a.CreateAsync(Stream);
        await a.AppendAsync("s1", [Complete("/a")]);

        var past = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await b.ReadAsync("s1", 5, 10));
        Assert.Contains("has 1 events", past.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StreamNotFoundException>(async () => await b.ReadAsync("nope", 0, 10));
        Assert.Null(await b.GetAsync("nope"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await b.ReadAsync("s1", 1, 10, cts.Token));
    }

    [RedisFact]
    public async Task Readers_far_behind_get_the_folded_history_and_hold_the_streams_object_after_every_event()
    {
        var (a, b) = await TwoInstancesAsync(recent: 2, foldAfter: 8);
        await a.CreateAsync(Stream);
        var text = """{"title":"Streams that fold","tags":["one","two","three"],"body":{"text":"A longer string, written a few characters at a time","n":42}}""";
        var events = Events(text, chunk: 3);
        var objects = StreamObjects.AfterEachSeq(events);
        foreach (var e in events)
        {
            await a.AppendAsync("s1", [e.Event]);
        }

        for (var after = 0L; after <= events.Count; after++)
        {
            var document = objects[(int)after].DeepClone();
            long cursor = after;
            for (var batch = await b.ReadAsync("s1", cursor, 5); batch.Count > 0; batch = await b.ReadAsync("s1", cursor, 5))
            {
                foreach (var item in batch)
                {
                    Assert.True(item.Seq > cursor, "seqs only go forward");
                    if (item.Event is PatchEvent patch)
                    {
                        document = PatchApplier.Apply(document, patch.Ops);
                    }

                    Assert.True(DocumentNode.DeepEquals(objects[(int)item.Seq], document), $"object after seq {item.Seq}, resumed from {after}");
                    cursor = item.Seq;
                }
            }

            Assert.Equal(events.Count, cursor);
        }

        await using var connection = await redis.ConnectAsync();
        var held = await connection.GetDatabase().StreamLengthAsync($"{Prefix(a)}{{s1}}:events");
        Assert.True(held <= 8, $"the Redis Stream holds {held} of {events.Count} events after folding");
    }

    [RedisFact]
    public async Task Only_the_lease_holder_appends_and_a_stream_whose_owner_died_is_adopted_once()
    {
        // Long enough that a busy machine still renews in time (every third of it), short enough to wait out.
        var lease = TimeSpan.FromSeconds(2);
        var (a, b) = await TwoInstancesAsync(lease: lease);
        await a.CreateAsync(Stream);
        await a.AppendAsync("s1", [Complete("/a")]);

        var refused = await Assert.ThrowsAsync<StreamOwnershipLostException>(async () => await b.AppendAsync("s1", [Complete("/b")]));
        Assert.Contains(a.InstanceId, refused.Message, StringComparison.Ordinal);
        Assert.False(await b.TryAdoptAsync("s1"));
        await Task.Delay(lease * 1.5);
        Assert.Equal(a.InstanceId, await b.GetOwnerAsync("s1")); // a renews while it lives

        await a.DisposeAsync(); // a "dies": no more renewals
        await WaitUntilAsync(async () => await b.GetOwnerAsync("s1") is null);
        Assert.True(await b.TryAdoptAsync("s1"));
        Assert.False(await b.TryAdoptAsync("s1"));
        Assert.Equal(3, await b.AppendAsync("s1", [new ErrorEvent("owner_lost", "gone", true), Final()]));

        // The old owner, back from a pause, cannot write after the stream was taken over.
        await Assert.ThrowsAsync<StreamOwnershipLostException>(async () => await a.AppendAsync("s1", [Complete("/late")]));
        Assert.Equal(3, (await b.GetAsync("s1"))!.LastSeq);
    }

    [RedisFact]
    public async Task An_append_that_times_out_stops_the_owners_renewals_so_that_another_instance_adopts_the_stream()
    {
        // A time-out is not a RedisException: handled as one anyway, or the owner renews a stream it no longer writes.
        var lease = TimeSpan.FromSeconds(2);
        var (a, b) = await TwoInstancesAsync(lease: lease, connectionOfA: "asyncTimeout=300");
        await a.CreateAsync(Stream);
        await a.AppendAsync("s1", [Complete("/a")]);

        await redis.Server.PauseAsync(TimeSpan.FromSeconds(3));
        var failure = await Assert.ThrowsAnyAsync<TimeoutException>(async () => await a.AppendAsync("s1", [Complete("/b")]));
        Assert.True(RedisFailure.IsUnavailable(failure), failure.GetType().Name);

        // b's own reads wait out the pause too.
        await WaitUntilAsync(async () => await OwnerOrTimeoutAsync(b) is null);
        Assert.True(await b.TryAdoptAsync("s1"));
        await Assert.ThrowsAsync<StreamOwnershipLostException>(async () => await a.AppendAsync("s1", [Complete("/late")]));
    }

    [RedisFact]
    public async Task An_ended_stream_is_kept_for_the_retention_time_only()
    {
        var (a, _) = await TwoInstancesAsync();
        await a.CreateAsync(Stream);
        await a.AppendAsync("s1", [Complete("/a"), Final()]);

        await using var connection = await redis.ConnectAsync();
        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync($"{Prefix(a)}{{s1}}:meta");
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Assert.Null(await a.GetOwnerAsync("s1"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in _owned)
        {
            await item.DisposeAsync();
        }
    }

    private readonly Dictionary<RedisStreamLog, string> _prefixes = [];

    private string Prefix(RedisStreamLog log) => _prefixes[log];

    private async Task<(RedisStreamLog A, RedisStreamLog B)> TwoInstancesAsync(
        int recent = 64, int foldAfter = 1024, TimeSpan? lease = null, TimeSpan? poll = null, string? connectionOfA = null)
    {
        var prefix = redis.NewPrefix();
        var logs = new RedisStreamLog[2];
        for (var i = 0; i < 2; i++)
        {
            var connection = await redis.ConnectAsync(i == 0 ? connectionOfA : null);
            _owned.Add(connection);
            logs[i] = new RedisStreamLog(connection, new RedisStreamLogOptions
            {
                KeyPrefix = prefix,
                InstanceId = i == 0 ? "instance-a" : "instance-b",
                RecentEvents = recent,
                FoldAfter = foldAfter,
                LeaseTime = lease ?? TimeSpan.FromSeconds(10),
                PollInterval = poll ?? TimeSpan.FromSeconds(1),
                RetainFor = TimeSpan.FromMinutes(1),
            });
            _owned.Add(logs[i]);
            _prefixes[logs[i]] = prefix;
        }

        return (logs[0], logs[1]);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(50);
        }
    }

    private static async Task<string?> OwnerOrTimeoutAsync(RedisStreamLog log)
    {
        try
        {
            return await log.GetOwnerAsync("s1");
        }
        catch (RedisTimeoutException)
        {
            return "(no answer yet)";
        }
    }

    private static CompleteEvent Complete(string path) => new([path]);

    private static FinalEvent Final() => new(StreamOutcome.Completed, LiteralNode.Null, [], [], "sha256:x");

    private static List<SequencedEvent> Events(string text, int chunk)
    {
        using var builder = new EventStreamBuilder();
        var raw = new List<StreamEvent>();
        for (var i = 0; i < text.Length; i += chunk)
        {
            builder.Append(text.AsSpan(i, Math.Min(chunk, text.Length - i)), raw);
        }

        builder.Finish(raw);
        return raw.Select((e, i) => new SequencedEvent(i + 1, e)).ToList();
    }
}
