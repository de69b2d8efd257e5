using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Documents;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>openapi.yaml at the root is what the running service documents.</summary>
public sealed class OpenApiDocumentTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task The_committed_openapi_yaml_equals_the_served_document()
    {
        using var client = host.Client();
        var served = Normalize(await client.GetStringAsync("/swagger/v1/swagger.yaml"));
        var file = Path.Combine(RepositoryFiles.Root(), "openapi.yaml");

        // To accept a deliberate change: STRUCTUREDSTREAM_UPDATE_OPENAPI=1 dotnet test, then review the diff.
        if (Environment.GetEnvironmentVariable("STRUCTUREDSTREAM_UPDATE_OPENAPI") == "1")
        {
            File.WriteAllText(file, served);
        }

        Assert.True(File.Exists(file), "openapi.yaml is missing at the repository root");
        var committed = Normalize(File.ReadAllText(file));
        Assert.True(committed == served,
            "openapi.yaml differs from /swagger/v1/swagger.yaml. Regenerate it with STRUCTUREDSTREAM_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests and review the diff.");
    }

    [Fact]
    public async Task Swagger_UI_is_served()
    {
        using var client = host.Client();

        var page = await client.GetStringAsync("/swagger/index.html");

        Assert.Contains("swagger-ui", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_streaming_endpoints_describe_their_two_media_types_with_the_event_schema()
    {
        var document = await ServedAsync();

        foreach (var (path, method) in new[] { ("/v1/streams", "post"), ("/v1/streams/{id}/events", "get") })
        {
            var content = document["paths"]![path]![method]!["responses"]!["200"]!["content"]!.AsObject();
            Assert.Equal(["application/x-ndjson", "text/event-stream"], content.Select(c => c.Key).Order());
            Assert.All(content, c => Assert.Equal("#/components/schemas/StreamEvent", (string?)c.Value!["schema"]!["$ref"]));
        }

        var schemas = document["components"]!["schemas"]!.AsObject();
        var kinds = schemas["StreamEvent"]!["oneOf"]!.AsArray().Select(r => ((string)r!["$ref"]!).Split('/')[^1]).ToList();
        Assert.Equal(["StartedEvent", "StatusEvent", "PatchEvent", "CompleteEvent", "ErrorEvent", "FinalEvent", "HeartbeatEvent"], kinds);
        Assert.All(kinds, kind => Assert.NotNull(schemas[kind]));
        Assert.NotNull(document["paths"]!["/v1/streams"]!["post"]!["responses"]!["200"]!["headers"]!["X-Stream-Id"]);
    }

    [Fact]
    public async Task Every_request_example_runs_as_it_is_against_the_simulated_model()
    {
        var examples = (await ServedAsync())["paths"]!["/v1/streams"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        Assert.True(examples.Count >= 5);
        using var client = host.Client();

        foreach (var (name, example) in examples)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/streams")
            {
                Content = new StringContent(example!["value"]!.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var events = await ReadEvents.NdjsonAsync(response);
            var final = ReadEvents.Final(events);
            Assert.True(DocumentNode.DeepEquals(final.Object, ReadEvents.Replay(events)), name);
            Assert.True(final.Object is ObjectNode, $"{name}: {ReadEvents.Describe(events)}");
        }
    }

    private async Task<JsonNode> ServedAsync()
    {
        using var client = host.Client();
        return JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}
