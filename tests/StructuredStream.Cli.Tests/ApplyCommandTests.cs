namespace StructuredStream.Cli.Tests;

public sealed class ApplyCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void Apply_rebuilds_the_object_of_a_replayed_stream_and_checks_it()
    {
        var events = Replay("{\"title\": \"Q3\", \"rows\": [{\"a\": 1}, {\"a\": \"x~/y\"}]}");

        var run = CliRun.InProcess("apply", events);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal("{\"title\":\"Q3\",\"rows\":[{\"a\":1},{\"a\":\"x~/y\"}]}\n", run.Output);
    }

    [Fact]
    public void A_tampered_final_checksum_is_caught()
    {
        var events = Replay("[1, 2]");
        File.WriteAllText(events, File.ReadAllText(events).Replace("\"checksum\":\"sha256:", "\"checksum\":\"sha256:00", StringComparison.Ordinal));

        var run = CliRun.InProcess("apply", events);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("[1,2]\n", run.Output);
        Assert.StartsWith("structured-stream apply: checksum mismatch", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_event_is_caught_by_its_seq()
    {
        // Seqs 4 (a patch) and 5 (a complete): a seq may skip before a patch (a merged one), never before anything else.
        var events = Replay("{\"a\": \"x\", \"b\": \"y\"}", "--chunk-size", "3");
        var lines = File.ReadAllLines(events).ToList();
        lines.RemoveAt(3);
        File.WriteAllLines(events, lines);

        var run = CliRun.InProcess("apply", events);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("expected seq 4 but line 4 has seq 5", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_capture_from_the_api_applies_with_its_heartbeats_and_the_merged_patches_of_a_reader_that_caught_up()
    {
        // As GET /v1/streams/{id}/events writes it: a heartbeat repeats the last seq, and a run of patches a reader
        // missed comes as one patch with the seq of the last (seqs 2 and 3 here).
        var lines = File.ReadAllLines(Replay("{\"a\": \"xyz\"}", "--chunk-size", "4"));
        Assert.Contains("\"seq\":3,\"type\":\"patch\"", lines[2], StringComparison.Ordinal);
        var events = _files.Write("events.ndjson", string.Join("\n", [
            lines[0],
            """{"seq":1,"type":"heartbeat"}""",
            """{"seq":3,"type":"patch","ops":[{"op":"add","path":"/a","value":"xyz"}]}""",
            .. lines[3..]]) + "\n");

        var run = CliRun.InProcess("apply", events);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Equal("{\"a\":\"xyz\"}\n", run.Output);
    }

    [Fact]
    public void Replay_output_for_an_object_nested_as_deep_as_it_may_be_applies()
    {
        var events = Replay(new string('[', 64) + new string(']', 64));

        var run = CliRun.InProcess("apply", events);

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
    }

    [Fact]
    public void Input_that_dotnet_cannot_hold_or_an_empty_file_name_exits_2_with_one_line()
    {
        var surrogate = _files.Write("events.ndjson", """{"seq":1,"type":"patch","ops":[{"op":"add","path":"","value":"\ud800"}]}""" + "\n");

        var lone = CliRun.InProcess("apply", surrogate);
        var empty = CliRun.InProcess("apply", "");

        Assert.Equal(2, lone.ExitCode);
        Assert.StartsWith("structured-stream apply: ", lone.Error, StringComparison.Ordinal);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("empty file name", empty.Error, StringComparison.Ordinal);
        Assert.All([lone.Error, empty.Error], e => Assert.Single(e.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public void A_stream_without_its_final_event_prints_what_it_built_and_says_where_it_stopped()
    {
        var events = Replay("{\"a\": \"hello\"}", "--chunk-size", "9");
        var lines = File.ReadAllLines(events);
        File.WriteAllLines(events, lines[..^1]);

        var run = CliRun.InProcess("apply", events);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("{\"a\":\"hello\"}\n", run.Output);
        Assert.Contains($"the stream ended at seq {lines.Length - 1} without a final event.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_stream_is_reported_with_its_error()
    {
        var events = Replay("{\"a\": [1,]}", "--strict");

        var run = CliRun.InProcess("apply", events);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("{\"a\":[1]}\n", run.Output);
        Assert.Contains("the stream ended failed (parse_error: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "line 1: not JSON")]
    [InlineData("{\"seq\":1,\"type\":\"patch\",\"ops\":[{\"op\":\"spam\",\"path\":\"\"}]}", "line 1: Event 1 (patch) has a malformed patch: 'spam' is not a patch operation.")]
    public void An_unreadable_line_exits_2(string line, string message)
    {
        var events = _files.Write("events.ndjson", line + "\n");

        var run = CliRun.InProcess("apply", events);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_that_does_not_apply_is_reported_with_its_seq()
    {
        var events = _files.Write("events.ndjson", "{\"seq\":1,\"type\":\"patch\",\"ops\":[{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}]}\n");

        var run = CliRun.InProcess("apply", events);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the patch of event 1 cannot be applied", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private string Replay(string text, params string[] options)
    {
        var input = _files.Write("answer.txt", text);
        var run = CliRun.InProcess(["replay", "--text", input, .. options]);
        return _files.Write("events.ndjson", run.Output);
    }
}
