using System.Net;
using System.Text;
using System.Text.Json;
using StructuredStream.Api.Tests.Support;

namespace StructuredStream.Api.Tests;

public abstract class SchemaEndpointTests(ServiceHost host)
{
    [Fact]
    public async Task The_shipped_schemas_are_listed_and_served_as_stored()
    {
        using var client = host.Client();

        using var list = JsonDocument.Parse(await client.GetStringAsync("/v1/schemas"));
        var ids = list.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ToList();
        Assert.Equal(["chat", "research-answer", "sales-dashboard", "signup-form", "support-ticket"], ids);

        using var one = await client.GetAsync("/v1/schemas/signup-form");
        Assert.Equal("application/schema+json", one.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "signup-form.json")), await one.Content.ReadAsStringAsync());
        Assert.StartsWith("\"sha256:", one.Headers.ETag?.Tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_schema_can_be_streamed_by_name_and_a_refused_one_is_422()
    {
        using var client = host.Client();
        const string schema = """{"type":"object","properties":{"city":{"type":"string"},"score":{"type":"integer","minimum":1,"maximum":5}},"required":["city","score"],"additionalProperties":false}""";

        using var created = await client.PutAsync("/v1/schemas/city-score", new StringContent(schema, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var replaced = await client.PutAsync("/v1/schemas/city-score", new StringContent(schema, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        using var stream = await client.SendAsync(ReadEvents.Post(new { schemaId = "city-score", prompt = "x" }));
        var final = ReadEvents.Final(await ReadEvents.NdjsonAsync(stream));
        Assert.Equal(Protocol.StreamOutcome.Completed, final.Outcome);

        using var refused = await client.PutAsync("/v1/schemas/broken", new StringContent("""{"type":"objekt"}""", Encoding.UTF8, "application/json"));
        await ProblemTests.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "objekt");
        using var badId = await client.PutAsync("/v1/schemas/Bad%20Id", new StringContent(schema, Encoding.UTF8, "application/json"));
        await ProblemTests.AssertProblemAsync(badId, HttpStatusCode.BadRequest, "not a schema id");
    }

    [Fact]
    public async Task A_check_lists_every_reason_a_schema_does_not_fit_OpenAI_strict_mode()
    {
        using var client = host.Client();
        const string schema = """{"type":"object","properties":{"a":{"type":"string","minLength":2},"b":{"allOf":[{"type":"integer"}]}},"required":["a"]}""";

        using var response = await client.PostAsync("/v1/schemas/check?provider=openai", new StringContent(schema, Encoding.UTF8, "application/json"));

        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(result.RootElement.GetProperty("accepted").GetBoolean());
        Assert.False(result.RootElement.GetProperty("fitsProvider").GetBoolean());
        var reasons = result.RootElement.GetProperty("providerReasons").EnumerateArray().Select(r => r.GetProperty("location").GetString() + " " + r.GetProperty("message").GetString()).ToList();
        Assert.Contains(reasons, r => r.Contains("additionalProperties", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("not required: b", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("/properties/a/minLength", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("/properties/b/allOf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_answers()
    {
        using var client = host.Client();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
    }
}

/// <summary>Over a real loopback socket.</summary>
public sealed class SchemaEndpointTestsOverSocket(ServiceHost host) : SchemaEndpointTests(host), IClassFixture<ServiceHost>;

/// <summary>In process (TestServer).</summary>
public sealed class SchemaEndpointTestsInProcess(InProcessServiceHost host) : SchemaEndpointTests(host), IClassFixture<InProcessServiceHost>;
