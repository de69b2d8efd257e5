using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StructuredStream.Api.Access;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Tests.Processes;

namespace StructuredStream.Api.Tests;

/// <summary>API keys, tenants that cannot see each other's streams or schemas, rate limits, loopback without keys.</summary>
public sealed class AccessTests(AccessHost host) : IClassFixture<AccessHost>
{
    [Fact]
    public async Task Without_a_known_key_the_api_answers_401_and_health_stays_open()
    {
        using var anonymous = host.Client();
        using var unknown = host.Client("not-a-key");

        using var none = await anonymous.SendAsync(ReadEvents.Post(new { schemaId = "chat", prompt = "x" }));
        using var wrong = await unknown.GetAsync("/v1/schemas");
        using var health = await anonymous.GetAsync("/healthz");

        Assert.Equal((HttpStatusCode.Unauthorized, "Bearer"), (none.StatusCode, none.Headers.WwwAuthenticate.ToString()));
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Authorization: Bearer", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not known", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Another_tenants_stream_is_404_everywhere_exactly_like_an_unknown_one()
    {
        using var alpha = host.Client(AccessHost.AlphaKey);
        using var beta = host.Client(AccessHost.BetaKey);
        var (id, events) = await ReadEvents.RunAsync(alpha, ReadEvents.Post(new { schemaId = "support-ticket", prompt = "x", simulation = new { scenario = "stall", afterTokens = 5 } }));
        Assert.Matches("^st_[0-9a-f]{32}$", id); // 128 random bits

        foreach (var (method, path) in new[] { ("GET", $"/v1/streams/{id}"), ("GET", $"/v1/streams/{id}/events"), ("DELETE", $"/v1/streams/{id}"), ("POST", $"/v1/streams/{id}/regenerate"), ("POST", $"/v1/streams/{id}/continue") })
        {
            using var theirs = await beta.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            using var unknown = await beta.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace(id, "st_00000000000000000000000000000000", StringComparison.Ordinal)));
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal(
                (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["title"],
                (string?)JsonNode.Parse(await theirs.Content.ReadAsStringAsync())!["title"]);
        }

        using var own = await alpha.GetAsync($"/v1/streams/{id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotEmpty(events);
    }

    [Fact]
    public async Task A_tenants_schemas_are_its_own_and_the_shipped_ones_are_everyones()
    {
        using var alpha = host.Client(AccessHost.AlphaKey);
        using var beta = host.Client(AccessHost.BetaKey);
        using var put = await alpha.PutAsync("/v1/schemas/alpha-only", JsonContent.Create(JsonNode.Parse("""{"type":"object"}""")));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        using var theirs = await beta.GetAsync("/v1/schemas/alpha-only");
        using var stream = await beta.SendAsync(ReadEvents.Post(new { schemaId = "alpha-only", prompt = "x" }));
        var betaList = JsonNode.Parse(await beta.GetStringAsync("/v1/schemas"))!.AsArray().Select(s => (string?)s!["id"]).ToList();
        var alphaList = JsonNode.Parse(await alpha.GetStringAsync("/v1/schemas"))!.AsArray().Select(s => (string?)s!["id"]).ToList();

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stream.StatusCode);
        Assert.DoesNotContain("alpha-only", betaList);
        Assert.Contains("alpha-only", alphaList);
        Assert.Contains("support-ticket", betaList);
        Assert.Contains("support-ticket", alphaList);
    }

    [Fact]
    public async Task Past_the_requests_per_minute_a_client_gets_429_with_retry_after_and_others_are_not_held_back()
    {
        using var limited = host.Client(AccessHost.LimitedKey);
        using var other = host.Client(AccessHost.BetaKey);
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 31 && refused is null; i++)
        {
            var response = await limited.GetAsync("/v1/schemas");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            Assert.Contains("30 requests a minute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var fine = await other.GetAsync("/v1/schemas");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    public void Loopback_addresses_are_told_apart_from_the_others(string address, bool loopback) =>
        Assert.Equal(loopback, LoopbackGuard.IsLoopback(address));

    [Fact]
    public async Task Without_keys_an_instance_bound_beyond_loopback_refuses_to_start_and_says_why()
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:0",
        }));

        Assert.Contains("Refusing to serve", failed.Message, StringComparison.Ordinal);
        Assert.Contains("StructuredStream:Access:Keys", failed.Message, StringComparison.Ordinal);
    }
}
