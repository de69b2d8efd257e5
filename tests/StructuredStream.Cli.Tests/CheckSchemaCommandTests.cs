namespace StructuredStream.Cli.Tests;

public sealed class CheckSchemaCommandTests
{
    private const string Fits = """{"type":"object","properties":{"city":{"type":"string"},"score":{"type":["integer","null"],"minimum":1}},"required":["city","score"],"additionalProperties":false}""";

    [Fact]
    public void A_schema_that_fits_OpenAI_strict_mode_says_so_and_exits_0()
    {
        var run = CliRun.InProcessWithInput(Fits, "check-schema", "-", "--provider", "openai");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["-: accepted", "openai strict mode: fits"], run.Lines.Select(l => l.Split(" (")[0]));
    }

    [Fact]
    public void Every_reason_a_schema_does_not_fit_is_listed_with_its_location()
    {
        const string schema = """{"type":"object","properties":{"a":{"type":"string"},"b":{"oneOf":[{"type":"integer"}]}},"required":["a"]}""";

        var run = CliRun.InProcessWithInput(schema, "check-schema", "-", "--provider", "openai");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("openai strict mode: does not fit (3 reasons)", run.Lines);
        Assert.Contains("  (root): Objects must set \"additionalProperties\": false.", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("  (root): Every property must be required; not required: b", StringComparison.Ordinal));
        Assert.Contains("  /properties/b/oneOf: 'oneOf' is not supported in strict mode; use anyOf.", run.Lines);
    }

    [Fact]
    public void A_refused_schema_lists_its_problems_and_exits_1()
    {
        var run = CliRun.InProcessWithInput("""{"type":"object","requried":["a"]}""", "check-schema", "-");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("-: refused", run.Lines[0]);
        Assert.Contains("requried", run.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_bad_usage()
    {
        var run = CliRun.InProcessWithInput(Fits, "check-schema", "-", "--provider", "acme");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("acme", run.Error, StringComparison.Ordinal);
    }
}
