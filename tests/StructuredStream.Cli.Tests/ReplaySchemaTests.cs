namespace StructuredStream.Cli.Tests;

public sealed class ReplaySchemaTests : IDisposable
{
    private const string Schema = """
        {"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}}}
        """;

    private readonly TempFiles _files = new();

    [Fact]
    public void A_valid_answer_completes_with_exit_0()
    {
        var run = CliRun.InProcess("replay", "--text", _files.Write("a.txt", """{"name":"Ada","age":36}"""), "--chunk-size", "2", "--schema", _files.Write("s.json", Schema));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"outcome\":\"completed\"", run.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_violation_ends_the_stream_invalid_with_exit_1_and_the_events_written()
    {
        var run = CliRun.InProcess("replay", "--text", _files.Write("a.txt", """{"name":"Ada","age":-1,"x":2}"""), "--schema", _files.Write("s.json", Schema));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"type\":\"error\",\"code\":\"schema_violation\"", run.Lines[^2], StringComparison.Ordinal);
        Assert.Contains("\"path\":\"/age\"", run.Lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("""{"seq":""", run.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"invalid\",\"object\":{\"name\":\"Ada\"}", run.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Continue_reports_each_violation_and_goes_on()
    {
        var run = CliRun.InProcess("replay", "--text", _files.Write("a.txt", """{"name":"Ada","age":-1,"x":2}"""), "--schema", _files.Write("s.json", Schema), "--on-violation", "continue");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Lines.Count(l => l.Contains("\"code\":\"schema_violation\"", StringComparison.Ordinal)));
        Assert.Contains("\"object\":{\"name\":\"Ada\",\"age\":-1,\"x\":2}", run.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_schema_is_bad_input_with_one_line_naming_the_problem()
    {
        var run = CliRun.InProcess("replay", "--text", _files.Write("a.txt", "{}"), "--schema", _files.Write("s.json", """{"type":"object","requried":["a"]}"""));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("'requried'", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => _files.Dispose();
}
