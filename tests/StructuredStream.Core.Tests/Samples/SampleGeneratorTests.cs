using System.Text.RegularExpressions;
using StructuredStream.Documents;
using StructuredStream.Samples;
using StructuredStream.Schemas;

namespace StructuredStream.Tests.Samples;

public sealed class SampleGeneratorTests
{
    private static readonly Lazy<Dictionary<string, CompiledSchema>> Schemas = new(() => SampleSchemas.All().ToDictionary(s => s.Name, s => s.Schema));

    public static TheoryData<string> Names() => [.. SampleSchemas.Shipped, .. SampleSchemas.Keywords.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_sample_satisfies_its_schema_and_a_seed_always_gives_the_same_sample(string name)
    {
        var schema = Schemas.Value[name];
        var generator = new SampleGenerator(schema);
        var distinct = new HashSet<string>();
        for (var seed = 0; seed < 40; seed++)
        {
            var sample = generator.Generate(seed);

            Assert.Empty(schema.Final.Validate(sample));
            Assert.Equal(sample.ToJsonString(), generator.Generate(seed).ToJsonString());
            distinct.Add(sample.ToJsonString());
        }

        // Seeds matter: a generator that ignored them would give one sample (the const-only schemas have few).
        Assert.True(distinct.Count > 3, $"only {distinct.Count} distinct samples");
    }

    [Fact]
    public void Samples_read_like_real_answers()
    {
        var schema = Schemas.Value["signup-form.json"];
        var sample = (ObjectNode)new SampleGenerator(schema).Generate(1);

        Assert.True(sample.TryGetValue("email", out var email));
        Assert.Matches(@"^[a-z]+\.[a-z]+@example\.com$", ((StringNode)email).Value);
        Assert.True(sample.TryGetValue("fullName", out var fullName));
        Assert.Matches(@"^[A-Z][a-z]+ [A-Z][a-z]+$", ((StringNode)fullName).Value);
    }

    [Fact]
    public void A_schema_no_value_satisfies_is_reported_rather_than_answered_wrongly()
    {
        var schema = SchemaLoader.Load("""{"type":"object","properties":{"a":{"type":"integer","minimum":5,"maximum":3}},"required":["a"]}""");

        var e = Assert.Throws<SampleGenerationException>(() => new SampleGenerator(schema).Generate(0));

        Assert.Contains("/a", e.Message, StringComparison.Ordinal);
        Assert.Contains("attempts", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("^[A-Z]{2}$")]
    [InlineData(@"^\d{3}-\d{4}$")]
    [InlineData("^(red|green|blue)+$")]
    [InlineData("^[a-z0-9._-]{3,16}@[a-z]+\\.(com|org)$")]
    [InlineData("^v?[0-9]+(\\.[0-9]+){2}(-[a-z]+)?$")]
    [InlineData("^[^0-9]{4}x*$")]
    [InlineData("abc")]
    public void Patterns_of_the_common_subset_are_sampled_with_matching_strings(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.ECMAScript);
        for (var seed = 0; seed < 20; seed++)
        {
            var sample = PatternSampler.TrySample(pattern, new Random(seed));

            Assert.NotNull(sample);
            Assert.Matches(regex, sample);
        }
    }

    [Theory]
    [InlineData("^(?=a)a$")]
    [InlineData(@"^(a)\1$")]
    [InlineData(@"^\bword$")]
    public void Patterns_it_cannot_read_give_no_sample_instead_of_a_guess(string pattern) =>
        Assert.Null(PatternSampler.TrySample(pattern, new Random(0)));
}
