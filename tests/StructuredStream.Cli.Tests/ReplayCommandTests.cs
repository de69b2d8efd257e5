using System.Text.Json;

namespace StructuredStream.Cli.Tests;

public sealed class ReplayCommandTests : IDisposable
{
    private const string Report = "Here is the report:\n```json\n{\"title\": \"Q3 \\u00e9t\\u00e9 😀\", \"rows\": [{\"region\": \"EMEA\", \"revenue\": 123456789012345678901234567890}, {\"region\": \"APAC\", \"revenue\": 1E400}]}\n```";
    private readonly TempFiles _files = new();

    [Fact]
    public void Coalesce_sends_every_n_chunks_as_one_patch_and_one_complete_and_apply_rebuilds_the_same_object()
    {
        var input = _files.Write("report.txt", Report);
        var each = CliRun.InProcess("replay", "--text", input, "--chunk-size", "3");
        var merged = CliRun.InProcess("replay", "--text", input, "--chunk-size", "3", "--coalesce", "8");

        Assert.Equal((0, 0), (each.ExitCode, merged.ExitCode));
        var windows = (int)Math.Ceiling(Math.Ceiling(Report.Length / 3.0) / 8);
        var patches = merged.Lines.Count(line => line.Contains("\"type\":\"patch\"", StringComparison.Ordinal));
        Assert.True(patches <= windows && patches * 2 < each.Lines.Count(line => line.Contains("\"type\":\"patch\"", StringComparison.Ordinal)), $"{patches} patches for {windows} windows");
        Assert.Equal(each.Lines[^1][each.Lines[^1].IndexOf("\"type\"", StringComparison.Ordinal)..], merged.Lines[^1][merged.Lines[^1].IndexOf("\"type\"", StringComparison.Ordinal)..]);
        var apply = CliRun.InProcess("apply", _files.Write("merged.ndjson", merged.Output));
        Assert.Equal((0, ""), (apply.ExitCode, apply.Error));
        Assert.Equal(CliRun.InProcess("apply", _files.Write("each.ndjson", each.Output)).Output, apply.Output);
    }

    [Fact]
    public void Replay_of_a_chunks_file_writes_the_event_stream_with_seq_from_1()
    {
        var chunks = _files.Write("chunks.ndjson", "\"{\\\"a\\\": \\\"he\"\n\n\"llo\\\"}\"\n");

        var run = CliRun.InProcess("replay", "--chunks", chunks);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(
            [
                """{"seq":1,"type":"patch","ops":[{"op":"add","path":"","value":{}},{"op":"add","path":"/a","value":"he"}]}""",
                """{"seq":2,"type":"patch","ops":[{"op":"append","path":"/a","value":"llo"}]}""",
                """{"seq":3,"type":"complete","paths":["/a",""]}""",
            ],
            run.Lines[..3]);
        Assert.StartsWith("""{"seq":4,"type":"final","outcome":"completed","object":{"a":"hello"}""", run.Lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--chunk-size", "1")]
    [InlineData("--chunk-size", "7")]
    [InlineData("--random-chunks", "42")]
    public void Any_cut_of_a_text_file_gives_the_same_final_object(string option, string value)
    {
        var text = _files.Write("answer.txt", Report);

        var whole = CliRun.InProcess("replay", "--text", text);
        var cut = CliRun.InProcess("replay", "--text", text, option, value);

        Assert.Equal((0, 0), (whole.ExitCode, cut.ExitCode));
        Assert.Equal(FinalOf(whole), FinalOf(cut));
        Assert.Contains("\"revenue\":123456789012345678901234567890", FinalOf(cut), StringComparison.Ordinal);
        Assert.Contains("\"revenue\":1E400", FinalOf(cut), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_cuts_the_same_way()
    {
        var text = _files.Write("answer.txt", Report);

        var first = CliRun.InProcess("replay", "--text", text, "--random-chunks", "7");
        var again = CliRun.InProcess("replay", "--text", text, "--random-chunks", "7");
        var other = CliRun.InProcess("replay", "--text", text, "--random-chunks", "8");

        Assert.Equal(first.Output, again.Output);
        Assert.NotEqual(first.Output, other.Output);
    }

    [Fact]
    public void A_byte_order_mark_at_the_start_of_a_file_is_the_files_not_a_repair_of_the_model_text()
    {
        var text = _files.Write("bom.txt", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("{\"a\": 1}")]);
        var chunks = _files.Write("bom.ndjson", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("\"{\\\"a\\\": 1}\"\n")]);

        var fromText = CliRun.InProcess("replay", "--text", text, "--strict");
        var fromChunks = CliRun.InProcess("replay", "--chunks", chunks, "--strict");

        Assert.Equal((0, ""), (fromText.ExitCode, fromText.Error));
        Assert.Equal((0, ""), (fromChunks.ExitCode, fromChunks.Error));
        Assert.Contains("\"repairs\":[]", fromText.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_size_far_past_the_text_reads_it_as_one_chunk()
    {
        var text = _files.Write("answer.txt", "{\"a\": 1}");

        var run = CliRun.InProcess("replay", "--text", text, "--chunk-size", "2147483647");

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.Contains("\"outcome\":\"completed\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_patches_use_replace_instead_of_append()
    {
        var text = _files.Write("answer.txt", Report);

        var run = CliRun.InProcess("replay", "--text", text, "--chunk-size", "5", "--patch", "strict");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\"op\":\"append\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"op\":\"replace\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_parsing_fails_the_stream_on_what_tolerant_mode_repairs_and_still_writes_the_events()
    {
        var text = _files.Write("answer.txt", "{\"a\": [1, 2,], \"b\": 3}");

        var tolerant = CliRun.InProcess("replay", "--text", text, "--chunk-size", "4");
        var strict = CliRun.InProcess("replay", "--text", text, "--chunk-size", "4", "--strict");

        Assert.Equal(0, tolerant.ExitCode);
        Assert.Contains("\"kind\":\"trailing_comma\"", tolerant.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("\"type\":\"error\",\"code\":\"parse_error\"", strict.Lines[^2], StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"failed\",\"object\":{\"a\":[1,2]}", strict.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_is_read_when_the_file_is_a_dash()
    {
        var run = CliRun.InProcessWithInput("[1, 2]", "replay", "--text", "-", "--chunk-size", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"object\":[1,2]", run.Lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "give exactly one of --chunks FILE and --text FILE.")]
    [InlineData("replay --text a --chunks b", "give exactly one of --chunks FILE and --text FILE.")]
    [InlineData("replay --chunks a --chunk-size 3", "--chunk-size and --random-chunks cut --text; --chunks files are already cut.")]
    [InlineData("replay --text a --chunk-size 0", "--chunk-size must be a whole number of at least 1, not '0'.")]
    [InlineData("replay --text a --max-depth 5000", "--max-depth must be a whole number from 1 to 1000, not '5000'.")]
    [InlineData("replay --text a --coalesce 0", "--coalesce must be a whole number of at least 1, not '0'.")]
    [InlineData("replay --text a --patch json", "Argument 'json' not recognized. Must be one of: 'append' 'strict'")]
    [InlineData("replay --text a --verbose", "unknown command, option or argument '--verbose'.")]
    [InlineData("replay --text missing.txt", "cannot read 'missing.txt'")]
    public void Bad_usage_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(string args, string message)
    {
        var run = CliRun.InProcess(args.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("structured-stream replay: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunks_file_with_a_line_that_is_not_a_string_is_refused_with_its_line_number()
    {
        var chunks = _files.Write("chunks.ndjson", "\"[1,\"\n{\"text\": \"2]\"}\n");

        var run = CliRun.InProcess("replay", "--chunks", chunks);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("chunks.ndjson, line 2: each line must be one JSON string", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_file_that_is_not_UTF8_is_refused()
    {
        var text = _files.Write("latin1.txt", [(byte)'[', (byte)'"', 0xE9, (byte)'"', (byte)']']);

        var run = CliRun.InProcess("replay", "--text", text);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not UTF-8 text", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunks_file_that_breaks_mid_stream_keeps_what_was_streamed_and_ends_it_as_failed()
    {
        var chunks = _files.Write("chunks.ndjson", "\"{\\\"a\\\": [1,\"\n\"2,\"\nnot a string\n\"3]}\"\n");

        var run = CliRun.InProcess("replay", "--chunks", chunks);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("chunks.ndjson, line 3", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"error\",\"code\":\"input_error\"", run.Lines[^2], StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"failed\",\"object\":{\"a\":[1,2]}", run.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void From_standard_input_each_chunks_events_are_written_before_the_next_chunk_is_read()
    {
        using var output = new MemoryStream();
        // How much had been written each time the tool asked for more input.
        var writtenAtEachRead = new List<long>();
        using var input = new LineAtATimeInput(["\"{\\\"a\\\": \"", "\"[1, \"", "\"2]}\""], () => writtenAtEachRead.Add(output.Length));

        var code = CliApplication.Run(["replay", "--chunks", "-"], output, TextWriter.Null, input);

        Assert.Equal(0, code);
        Assert.True(writtenAtEachRead.Count >= 3, $"read {writtenAtEachRead.Count} times");
        for (var i = 1; i < 3; i++)
        {
            Assert.True(writtenAtEachRead[i] > writtenAtEachRead[i - 1], $"chunk {i}'s events were not written before chunk {i + 1} was read: {string.Join(", ", writtenAtEachRead)}");
        }
    }

    [Theory]
    [InlineData("replay")]
    [InlineData("apply")]
    public void Every_command_has_help(string command)
    {
        var run = CliRun.InProcess(command, "--help");

        Assert.Equal(0, run.ExitCode);
        // The usage line names the executable, which in process is the test host.
        Assert.Contains($" {command} ", run.Output[run.Output.IndexOf("Usage:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("Exit 0", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_runs_as_its_own_process_with_events_on_stdout_and_the_reason_on_stderr()
    {
        var text = _files.Write("answer.txt", "{\"a\": tru");

        var run = CliRun.AsProcess("replay", "--text", text, "--strict");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"outcome\":\"failed\"", run.Lines[^1], StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private static string FinalOf(CliRun run)
    {
        using var final = JsonDocument.Parse(run.Lines[^1]);
        return final.RootElement.GetProperty("object").GetRawText() + final.RootElement.GetProperty("checksum").GetString();
    }

    /// <summary>Standard input that hands out one line per read, as a pipe does while the writer is still writing.</summary>
    private sealed class LineAtATimeInput(string[] lines, Action beforeEachRead) : Stream
    {
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            beforeEachRead();
            if (_next == lines.Length)
            {
                return 0;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(lines[_next++] + "\n");
            Assert.True(bytes.Length <= count, "a test line fits one read");
            bytes.CopyTo(buffer, offset);
            return bytes.Length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
