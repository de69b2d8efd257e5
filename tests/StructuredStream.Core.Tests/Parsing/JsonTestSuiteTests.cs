using StructuredStream.Parsing;
using StructuredStream.Protocol;
using StructuredStream.Streaming;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Parsing;

/// <summary>
/// nst/JSONTestSuite, read in place from ../shared/conformance as raw bytes. Strict mode: every <c>y_</c> file gives
/// System.Text.Json's value and every <c>n_</c> file is rejected; <c>i_</c> files behave as docs/conformance.md says.
/// Tolerant mode: every file ends in a <c>final</c> event, whole or cut into small chunks.
/// </summary>
public sealed class JsonTestSuiteTests
{
    public static TheoryData<string> Accepted => Files("y_");

    public static TheoryData<string> Rejected => Files("n_");

    public static TheoryData<string> ImplementationDefined => Files("i_");

    public static TheoryData<string> All => Files("");

    [ConformanceTheory]
    [MemberData(nameof(Accepted))]
    public void Strict_mode_accepts_y_files_with_the_value_System_Text_Json_reads(string file)
    {
        var bytes = Read(file);
        var run = SuiteParse.Run(bytes, SuiteParse.Strict);

        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        // Duplicate names are valid JSON (RFC 8259 section 4: names SHOULD be unique); strict mode reports them too.
        Assert.All(run.Final.Repairs, r => Assert.Equal(RepairKind.DuplicateKey, r.Kind));
        DocumentAssert.Equal(DocumentAssert.SystemTextJson(System.Text.Encoding.UTF8.GetString(bytes)), run.Final.Object);
        DocumentAssert.Equal(run.Final.Object, SuiteParse.Run(bytes, SuiteParse.Strict, chunkSize: 1).Final.Object, "in 1-byte chunks");
    }

    [ConformanceTheory]
    [MemberData(nameof(Rejected))]
    public void Strict_mode_rejects_n_files(string file)
    {
        var bytes = Read(file);
        foreach (var chunkSize in new[] { int.MaxValue, 1, 3 })
        {
            var run = SuiteParse.Run(bytes, SuiteParse.Strict, chunkSize);

            Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
            var error = Assert.IsType<ErrorEvent>(run.Events[^2].Event);
            Assert.Equal("parse_error", error.Code);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(ImplementationDefined))]
    public void Strict_mode_handles_i_files_as_documented(string file)
    {
        var run = SuiteParse.Run(Read(file), SuiteParse.Strict);

        var expected = StrictlyAcceptedImplementationDefined.Contains(file) ? StreamOutcome.Completed : StreamOutcome.Failed;
        Assert.Equal(expected, run.Final.Outcome);
        if (expected == StreamOutcome.Completed)
        {
            // Numbers past 64 bits or double range are kept exactly as written, never rounded to 0 or infinity.
            DocumentAssert.Equal(DocumentAssert.SystemTextJson(File.ReadAllText(ConformanceSuite.PathOf("json-test-suite", "test_parsing", file))), run.Final.Object);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(All))]
    public void Tolerant_mode_ends_every_file_with_a_final_event_whatever_the_chunking(string file)
    {
        var bytes = Read(file);
        var whole = SuiteParse.Run(bytes, EventStreamOptions.Default);
        foreach (var chunkSize in new[] { 1, 2, 7 })
        {
            var chunked = SuiteParse.Run(bytes, EventStreamOptions.Default, chunkSize);

            Assert.Equal(whole.Final.Outcome, chunked.Final.Outcome);
            DocumentAssert.Equal(whole.Final.Object, chunked.Final.Object, $"in {chunkSize}-byte chunks");
        }

        if (file.StartsWith("y_", StringComparison.Ordinal))
        {
            Assert.Equal(StreamOutcome.Completed, whole.Final.Outcome);
        }
        else if (whole.Final.Outcome == StreamOutcome.Completed && file.StartsWith("n_", StringComparison.Ordinal))
        {
            // Accepting invalid JSON is allowed only with a diagnostic: the repair that made it readable.
            Assert.NotEmpty(whole.Final.Repairs);
        }
    }

    [ConformanceFact]
    public void Tolerant_mode_stops_100000_open_brackets_at_the_depth_limit_with_a_clear_error()
    {
        var run = SuiteParse.Run(Read("n_structure_100000_opening_arrays.json"), EventStreamOptions.Default);

        Assert.Equal(StreamOutcome.Failed, run.Final.Outcome);
        var error = Assert.IsType<ErrorEvent>(run.Events[^2].Event);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
        Assert.Equal(64, error.Offset);
    }

    /// <summary>The <c>i_</c> files strict mode accepts; it rejects the others. docs/conformance.md says why.</summary>
    private static readonly HashSet<string> StrictlyAcceptedImplementationDefined =
    [
        "i_number_double_huge_neg_exp.json",
        "i_number_huge_exp.json",
        "i_number_neg_int_huge_exp.json",
        "i_number_pos_double_huge_exp.json",
        "i_number_real_neg_overflow.json",
        "i_number_real_pos_overflow.json",
        "i_number_real_underflow.json",
        "i_number_too_big_neg_int.json",
        "i_number_too_big_pos_int.json",
        "i_number_very_big_negative_int.json",
    ];

    private static byte[] Read(string file) => File.ReadAllBytes(ConformanceSuite.PathOf("json-test-suite", "test_parsing", file));

    private static TheoryData<string> Files(string prefix)
    {
        var data = new TheoryData<string>();
        if (ConformanceSuite.Directory is not null)
        {
            foreach (var path in Directory.GetFiles(ConformanceSuite.PathOf("json-test-suite", "test_parsing"), prefix + "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(path));
            }
        }

        return data;
    }
}
