using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Protocol;

namespace StructuredStream.Api.Tests;

/// <summary>
/// Every bad request a user could send, each answered with an RFC 9457 problem that names what is wrong, and after
/// each one the service still streams normally. docs/reliability.md lists them.
/// </summary>
public sealed class BadInputCatalogueTests(LimitsHost host) : IClassFixture<LimitsHost>
{
    public static TheoryData<string> Catalogue => [.. BadRequest.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Catalogue))]
    public async Task A_bad_request_gets_a_precise_problem_and_the_service_stays_healthy(string name)
    {
        var bad = BadRequest.All.Single(b => b.Name == name);
        using var client = host.Client();
        var path = bad.Path.Contains("{done}", StringComparison.Ordinal) ? bad.Path.Replace("{done}", await CompletedStreamAsync(client), StringComparison.Ordinal) : bad.Path;
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), path);
        if (bad.Body is not null)
        {
            request.Content = new StringContent(bad.Body, Encoding.UTF8, bad.ContentType);
        }

        foreach (var (header, value) in bad.Headers)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(bad.Status == response.StatusCode, $"{bad}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)bad.Status, (int?)problem["status"]);
        Assert.True($"{problem["title"]} {problem["detail"]}".Contains(bad.Mention, StringComparison.OrdinalIgnoreCase), $"{bad}: '{bad.Mention}' not in {text}");

        // Still healthy: a normal stream runs to its end.
        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "chat", prompt = "still there?" }));
        Assert.Equal(StreamOutcome.Completed, ReadEvents.Final(events).Outcome);
    }

    [Fact]
    public async Task A_tenant_at_its_cap_of_named_schemas_gets_409_for_a_new_name_and_may_still_replace_its_own()
    {
        using var client = host.Client();
        var schema = new StringContent("""{"type":"object"}""", Encoding.UTF8, "application/json");

        using var first = await client.PutAsync("/v1/schemas/capped-one", schema);
        using var second = await client.PutAsync("/v1/schemas/capped-two", schema);
        using var third = await client.PutAsync("/v1/schemas/capped-three", schema);
        using var replaced = await client.PutAsync("/v1/schemas/capped-one", new StringContent("""{"type":"string"}""", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("holds 2 named schemas", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        using var missing = await client.GetAsync("/v1/schemas/capped-three");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void The_catalogue_holds_at_least_forty_bad_requests() => Assert.True(BadRequest.All.Count >= 40, $"{BadRequest.All.Count} cases");

    [Fact]
    public void The_reliability_doc_lists_every_bad_request_of_the_catalogue()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs", "reliability.md"));

        Assert.All(BadRequest.All, bad => Assert.Contains($"| {bad.Name} | {(int)bad.Status} |", doc, StringComparison.Ordinal));
        Assert.Contains($"## Bad requests ({BadRequest.All.Count})", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_test_the_reliability_doc_cites_exists_and_each_table_heading_counts_its_rows()
    {
        var root = RepositoryFiles.Root();
        var doc = File.ReadAllLines(Path.Combine(root, "docs", "reliability.md"));
        var sources = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .GroupBy(Path.GetFileNameWithoutExtension)
            .ToDictionary(g => g.Key!, g => string.Concat(g.Select(File.ReadAllText)));

        var cited = doc.Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .SelectMany(line => System.Text.RegularExpressions.Regex.Matches(line, @"`([A-Z]\w+Tests)(?:\.(\w+))?`").Select(m => (Class: m.Groups[1].Value, Method: m.Groups[2].Value)))
            .ToList();
        Assert.NotEmpty(cited);
        Assert.All(cited, c =>
        {
            Assert.True(sources.TryGetValue(c.Class, out var text), $"docs/reliability.md cites {c.Class}, which is not a test class");
            Assert.True(c.Method.Length == 0 || text!.Contains($" {c.Method}(", StringComparison.Ordinal), $"docs/reliability.md cites {c.Class}.{c.Method}, which does not exist");
        });

        for (var i = 0; i < doc.Length; i++)
        {
            var heading = System.Text.RegularExpressions.Regex.Match(doc[i], @"^## .* \((\d+)\)$");
            if (heading.Success)
            {
                var rows = doc.Skip(i + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
                    .Count(l => l.StartsWith("| ", StringComparison.Ordinal)) - 1;
                Assert.True(int.Parse(heading.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) == rows, $"'{doc[i]}' heads {rows} rows");
            }
        }
    }

    private static async Task<string> CompletedStreamAsync(HttpClient client) =>
        (await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = "support-ticket", prompt = "done" }))).Id;
}
