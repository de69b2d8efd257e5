using FsCheck;
using FsCheck.Xunit;
using StructuredStream.Protocol;
using StructuredStream.Samples;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Tests.Samples;
using StructuredStream.Tests.Support;
using StructuredStream.Validation;

namespace StructuredStream.Tests.Validation;

/// <summary>
/// Early detection: a schema-valid document broken by one change (a value of another type, an extra member, a missing
/// one), cut into chunks anywhere, is reported by <c>final</c> at the latest; and when the change breaks a keyword the
/// partial validator checks (docs/schemas.md), the <c>schema_violation</c> comes no later than the chunk that
/// completes the changed value (its object, for a member added or removed), when it first becomes provable.
/// </summary>
public sealed class OneMutationPropertyTests
{
    private static readonly Lazy<(string Name, CompiledSchema Schema)[]> Schemas = new(() => [.. SampleSchemas.All()]);

    /// <summary>The keywords docs/schemas.md says are checked while streaming.</summary>
    private static readonly HashSet<string> CheckedEarly =
    [
        "type", "enum", "const", "properties", "additionalProperties", "required", "minProperties", "maxProperties", "items",
        "prefixItems", "maxItems", "minItems", "uniqueItems", "maxLength", "minLength", "pattern", "format", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    ];

    [Property(MaxTest = 400)]
    public void A_document_broken_by_one_change_is_reported_as_soon_as_the_change_is_provable(NonNegativeInt schemaIndex, int seed, PositiveInt[] sizes)
    {
        var (name, schema) = Schemas.Value[schemaIndex.Get % Schemas.Value.Length];
        var valid = new SampleGenerator(schema).Generate(seed);
        var mutation = new SampleMutator(schema).Mutate(valid, seed);
        Assert.True(mutation is not null, $"{name}: every sample schema can be broken by one change");
        var text = mutation.Document.ToJsonString();
        int[] cuts = sizes.Length == 0 ? [1] : [.. sizes.Select(s => 1 + (s.Get % 17))];
        var chunks = ChunkedText.Split(text, cuts);

        var run = StreamRun.Of(chunks, new EventStreamOptions { Schema = schema, ViolationPolicy = ViolationPolicy.Continue });

        var context = $"{name}, {mutation.Change} at '{mutation.Path}': {text}";
        Assert.True(run.Final.Outcome == StreamOutcome.Invalid, context);
        Assert.NotEmpty(run.Final.Errors);
        var finalKeywords = schema.Final.Validate(mutation.Document).Select(e => e.Keyword).ToHashSet();
        if (!finalKeywords.Overlaps(CheckedEarly))
        {
            return; // only a keyword left to the end (not, if/then, …) is broken: final is the first place to report it
        }

        var firstViolation = IndexOf(run, e => e is ErrorEvent { Code: "schema_violation" });
        var changedComplete = IndexOf(run, e => e is CompleteEvent complete && complete.Paths.Contains(mutation.Path));
        Assert.True(firstViolation >= 0, $"no schema_violation before final: {context}");
        if (changedComplete >= 0)
        {
            Assert.True(ChunkOf(run, firstViolation) <= ChunkOf(run, changedComplete),
                $"reported in chunk {ChunkOf(run, firstViolation)}, provable in chunk {ChunkOf(run, changedComplete)}: {context}");
        }
    }

    private static int IndexOf(StreamRun run, Func<StreamEvent, bool> match)
    {
        for (var i = 0; i < run.Events.Count; i++)
        {
            if (match(run.Events[i].Event))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The chunk whose Append emitted event <paramref name="index"/> (the chunk count for events of the end).</summary>
    private static int ChunkOf(StreamRun run, int index)
    {
        for (var chunk = 0; chunk < run.EventCountAfterChunk.Count; chunk++)
        {
            if (index < run.EventCountAfterChunk[chunk])
            {
                return chunk;
            }
        }

        return run.EventCountAfterChunk.Count;
    }
}
