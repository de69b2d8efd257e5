using System.Net;
using System.Text;
using System.Text.Json;
using StructuredStream.Api.Tests.Support;

namespace StructuredStream.Api.Tests;

/// <summary>Errors before streaming starts are RFC 9457 problem details that say exactly what is wrong.</summary>
public abstract class ProblemTests(ServiceHost host)
{
    public static TheoryData<string, HttpStatusCode, string> BadBodies => new()
    {
        { """{"schemaId":"no-such-schema","prompt":"x"}""", HttpStatusCode.NotFound, "no schema named 'no-such-schema'" },
        { """{"schema":{"type":"object","requried":["a"]},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "'requried'" },
        { """{"schema":{"$ref":"https://example.com/s.json"},"prompt":"x"}""", HttpStatusCode.UnprocessableEntity, "https://example.com/s.json" },
        { """{"schema":{"type":"string"},"schemaId":"chat","prompt":"x"}""", HttpStatusCode.BadRequest, "exactly one of 'schema'" },
        { """{"schemaId":"chat"}""", HttpStatusCode.BadRequest, "exactly one of 'prompt'" },
        { """{"schemaId":"chat","messages":[{"role":"robot","content":"x"}]}""", HttpStatusCode.BadRequest, "messages[0] needs a role" },
        { """{"schemaId":"chat","prompt":"x","patch":"rfc"}""", HttpStatusCode.BadRequest, "'rfc' is not a patch mode" },
        { """{"schemaId":"chat","prompt":"x","onViolation":"ignore"}""", HttpStatusCode.BadRequest, "'ignore' is not a violation policy" },
        { """{"schemaId":"chat","prompt":12}""", HttpStatusCode.BadRequest, "'$.prompt'" },
        { """{"schemaId":"chat",""", HttpStatusCode.BadRequest, "not JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_request_is_a_problem_that_names_what_is_wrong(string body, HttpStatusCode status, string mention)
    {
        using var client = host.Client();
        using var response = await client.PostAsync("/v1/streams", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, status, mention);
    }

    [Fact]
    public async Task An_Accept_header_without_NDJSON_or_SSE_is_406()
    {
        using var client = host.Client();
        using var request = ReadEvents.Post(new { schemaId = "chat", prompt = "x" }, "text/html");

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotAcceptable, "text/html");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415()
    {
        using var client = host.Client();
        using var response = await client.PostAsync("/v1/streams", new StringContent("prompt=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Theory]
    [InlineData("/v1/streams/st_unknown", HttpStatusCode.NotFound, "no stream 'st_unknown'")]
    [InlineData("/v1/streams/st_unknown/events", HttpStatusCode.NotFound, "no stream 'st_unknown'")]
    public async Task An_unknown_stream_is_404(string url, HttpStatusCode status, string mention)
    {
        using var client = host.Client();
        using var response = await client.GetAsync(url);

        await AssertProblemAsync(response, status, mention);
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("text/event-stream")]
    public async Task A_client_accepting_only_events_still_gets_the_framework_refusals_as_problem_details(string accept)
    {
        using var client = host.Client();
        using var unknownRoute = new HttpRequestMessage(HttpMethod.Get, "/v1/no-such-endpoint");
        unknownRoute.Headers.Accept.ParseAdd(accept);
        using var wrongMethod = new HttpRequestMessage(HttpMethod.Put, "/v1/streams");
        wrongMethod.Headers.Accept.ParseAdd(accept);

        using var notFound = await client.SendAsync(unknownRoute);
        using var notAllowed = await client.SendAsync(wrongMethod);

        await AssertProblemAsync(notFound, HttpStatusCode.NotFound, "no endpoint at /v1/no-such-endpoint");
        await AssertProblemAsync(notAllowed, HttpStatusCode.MethodNotAllowed, "PUT is not allowed on /v1/streams");
    }

    [Fact]
    public async Task A_cursor_in_the_future_or_malformed_is_400()
    {
        using var client = host.Client();
        using var stream = await client.SendAsync(ReadEvents.Post(new { schemaId = "chat", prompt = "x" }));
        var id = stream.Headers.GetValues("X-Stream-Id").Single();

        using var future = await client.GetAsync($"/v1/streams/{id}/events?after=100000");
        await AssertProblemAsync(future, HttpStatusCode.BadRequest, "no event 100000");
        using var malformed = new HttpRequestMessage(HttpMethod.Get, $"/v1/streams/{id}/events");
        malformed.Headers.TryAddWithoutValidation("Last-Event-ID", "abc");
        await AssertProblemAsync(await client.SendAsync(malformed), HttpStatusCode.BadRequest, "'abc'");
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mention)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(mention, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>Over a real loopback socket.</summary>
public sealed class ProblemTestsOverSocket(ServiceHost host) : ProblemTests(host), IClassFixture<ServiceHost>;

/// <summary>In process (TestServer).</summary>
public sealed class ProblemTestsInProcess(InProcessServiceHost host) : ProblemTests(host), IClassFixture<InProcessServiceHost>;
