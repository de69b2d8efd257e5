using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Samples;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Tests.Samples;
using StructuredStream.Tests.Support;

namespace StructuredStream.Tests.Validation;

/// <summary>
/// No false early abort: documents generated from schemas, cut into chunks anywhere, stream to <c>completed</c>
/// without a single violation, whatever the policy.
/// </summary>
public sealed class ValidDocumentPropertyTests
{
    private static readonly Lazy<(string Name, CompiledSchema Schema)[]> Schemas = new(() => [.. SampleSchemas.All()]);

    [Property(MaxTest = 400)]
    public void A_valid_document_is_never_flagged_under_any_chunking(NonNegativeInt schemaIndex, int seed, PositiveInt[] sizes, bool strictPatches)
    {
        var (name, schema) = Schemas.Value[schemaIndex.Get % Schemas.Value.Length];
        var document = new SampleGenerator(schema).Generate(seed);
        var text = document.ToJsonString();
        int[] cuts = sizes.Length == 0 ? [1] : [.. sizes.Select(s => 1 + (s.Get % 17))];

        var run = StreamRun.Of(ChunkedText.Split(text, cuts), new EventStreamOptions
        {
            Schema = schema,
            PatchMode = strictPatches ? PatchMode.Strict : PatchMode.Append,
        });

        Assert.True(run.Error is null, $"{name}: {run.Error?.Message} in {text}");
        Assert.Equal(StreamOutcome.Completed, run.Final.Outcome);
        Assert.Empty(run.Final.Errors);
        DocumentAssert.Equal(document, run.Final.Object);
    }
}
