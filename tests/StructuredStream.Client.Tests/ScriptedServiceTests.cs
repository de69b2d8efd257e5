using StructuredStream.Client.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;
using static StructuredStream.Client.Tests.Support.ScriptedHandler;

namespace StructuredStream.Client.Tests;

/// <summary>The client against a scripted service: drops, attempts and the end's check, exactly as scripted.</summary>
public sealed class ScriptedServiceTests
{
    private const string Started = """{"seq":1,"type":"started","streamId":"st_test","schemaHash":"sha256:0","model":"m","eventsUrl":"/v1/streams/st_test/events"}""";
    private const string AddA = """{"seq":2,"type":"patch","ops":[{"op":"add","path":"","value":"a"}]}""";
    private const string AppendB = """{"seq":3,"type":"patch","ops":[{"op":"append","path":"","value":"b"}]}""";

    private static readonly string FinalAb =
        $$"""{"seq":4,"type":"final","outcome":"completed","object":"ab","repairs":[],"errors":[],"checksum":"{{CanonicalJson.Checksum(new StringNode("ab"))}}"}""";

    [Fact]
    public async Task Attempts_are_counted_in_a_row_without_a_sign_of_life_a_heartbeat_after_a_drop_starts_the_count_again()
    {
        // Each answer keeps the link for a heartbeat, then the link drops: a stream that sits stalled behind a proxy
        // that cuts idle connections. More drops than MaxAttempts, none of them in a row without a heartbeat.
        var alive = Lines("""{"seq":2,"type":"heartbeat"}""");
        var handler = new ScriptedHandler(Lines(Started, AddA), alive, alive, alive, alive, Lines(AppendB, FinalAb));

        var updates = await ReadAllAsync(Client(handler, maxAttempts: 2));

        Assert.Equal("\"ab\"", updates[^1].Object!.ToJsonString());
        Assert.Equal(StreamOutcome.Completed, updates[^1].Final!.Outcome);
        Assert.Equal(6, handler.Requests);
        Assert.Equal([1, 1, 1, 1, 1], updates.Select(u => u.Event).OfType<ReconnectingEvent>().Select(e => e.Attempt));
    }

    [Fact]
    public async Task A_body_that_ends_inside_a_line_is_a_drop_the_half_line_is_not_an_event_and_the_resume_sends_it_whole()
    {
        var handler = new ScriptedHandler(Lines(Started, AddA) + AppendB[..20], Lines(AppendB, FinalAb));

        var updates = await ReadAllAsync(Client(handler));

        Assert.Equal(["started@1", "patch@2", "reconnecting@2", "patch@3", "final@4"], updates.Select(u => $"{u.Event.Type}@{u.Seq}"));
        Assert.Equal("\"ab\"", updates[^1].Object!.ToJsonString());
    }

    [Fact]
    public async Task A_resume_whose_answer_does_not_come_within_HttpClient_Timeout_is_tried_again()
    {
        var handler = new ScriptedHandler(Lines(Started, AddA), null, Lines(AppendB, FinalAb));

        var updates = await ReadAllAsync(Client(handler, timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Equal(3, handler.Requests);
        Assert.Equal([1, 2], updates.Select(u => u.Event).OfType<ReconnectingEvent>().Select(e => e.Attempt));
        Assert.Equal("\"ab\"", updates[^1].Object!.ToJsonString());
    }

    [Fact]
    public async Task A_final_whose_checksum_does_not_match_throws_even_for_a_caller_that_stops_at_the_final_update()
    {
        var wrong = FinalAb.Replace(CanonicalJson.Checksum(new StringNode("ab")), CanonicalJson.Checksum(new StringNode("ax")), StringComparison.Ordinal);
        var handler = new ScriptedHandler(Lines(Started, AddA, AppendB, wrong));

        await Assert.ThrowsAsync<ChecksumMismatchException>(async () =>
        {
            await foreach (var update in Client(handler).StreamAsync(new StreamRequest { SchemaId = "chat", Prompt = "x" }))
            {
                if (update.Final is not null)
                {
                    break;
                }
            }
        });
    }

    private static StructuredStreamClient Client(ScriptedHandler handler, int maxAttempts = 3, TimeSpan? timeout = null) =>
        new(new HttpClient(handler) { BaseAddress = new Uri("http://service"), Timeout = timeout ?? TimeSpan.FromSeconds(100) }, new StructuredStreamClientOptions
        {
            Reconnect = new ReconnectOptions { InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1), MaxAttempts = maxAttempts },
        });

    private static async Task<List<StreamUpdate>> ReadAllAsync(StructuredStreamClient client)
    {
        var updates = new List<StreamUpdate>();
        await foreach (var update in client.StreamAsync(new StreamRequest { SchemaId = "chat", Prompt = "x" }))
        {
            updates.Add(update);
        }

        return updates;
    }
}
