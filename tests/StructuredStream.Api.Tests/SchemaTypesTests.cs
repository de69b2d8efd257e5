using System.Net;
using System.Text.Json.Nodes;
using StructuredStream.Api.Tests.Support;
using StructuredStream.Tests.Shared;

namespace StructuredStream.Api.Tests;

/// <summary>Types for named schemas: TypeScript interfaces (ours) and C# classes (NJsonSchema), for every shipped schema.</summary>
public sealed class SchemaTypesTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    public static TheoryData<string, string> Shipped => new()
    {
        { "signup-form", "SignupForm" }, { "sales-dashboard", "SalesDashboard" }, { "research-answer", "ResearchAnswer" },
        { "support-ticket", "SupportTicket" }, { "chat", "Chat" },
    };

    [Theory]
    [MemberData(nameof(Shipped))]
    public async Task Every_shipped_schema_has_typescript_and_csharp_types_named_after_it(string id, string typeName)
    {
        using var client = host.Client();

        var typescript = await client.GetStringAsync($"/v1/schemas/{id}/types/typescript");
        var csharp = await client.GetStringAsync($"/v1/schemas/{id}/types/csharp");

        Assert.Contains(id == "chat" ? $"export type {typeName} = string;" : $"export interface {typeName} {{", typescript, StringComparison.Ordinal);
        if (id != "chat")
        {
            Assert.Contains($"public partial class {typeName}", csharp, StringComparison.Ordinal);
            Assert.Contains("System.Text.Json.Serialization.JsonPropertyName", csharp, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Required_members_enums_tuples_and_closed_objects_show_in_the_typescript()
    {
        using var client = host.Client();

        var form = await client.GetStringAsync("/v1/schemas/signup-form/types/typescript");
        var dashboard = await client.GetStringAsync("/v1/schemas/sales-dashboard/types/typescript");

        Assert.Contains("  fullName: string;", form, StringComparison.Ordinal);
        Assert.Contains("  seats?: number;", form, StringComparison.Ordinal);
        Assert.Contains("  plan: \"free\" | \"team\" | \"enterprise\";", form, StringComparison.Ordinal);
        Assert.DoesNotContain("[member: string]", form, StringComparison.Ordinal); // additionalProperties: false
        Assert.Contains("  points: [string, number][];", dashboard, StringComparison.Ordinal);
        Assert.Contains("  kpis: Kpi[];", dashboard, StringComparison.Ordinal);
        Assert.Contains("export interface Kpi {", dashboard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signup-form", "SignupForm", "fullName")]
    [InlineData("sales-dashboard", "SalesDashboard", "summary")]
    [InlineData("research-answer", "ResearchAnswer", "question")]
    [InlineData("support-ticket", "SupportTicket", "summary")]
    public async Task The_csharp_types_compile_and_read_a_real_answer(string id, string typeName, string member)
    {
        using var client = host.Client();
        var source = await client.GetStringAsync($"/v1/schemas/{id}/types/csharp");
        var (_, events) = await ReadEvents.RunAsync(client, ReadEvents.Post(new { schemaId = id, prompt = "x", model = new { seed = 5 } }));
        var answer = ReadEvents.Final(events).Object.ToJsonString();

        var type = CSharpSource.Compile("GeneratedTypes", source).GetType($"StructuredStream.Generated.{typeName}", throwOnError: true)!;
        var value = System.Text.Json.JsonSerializer.Deserialize(answer, type);

        var property = type.GetProperties().Single(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Any(a => a.Name == member));
        Assert.Equal((string?)JsonNode.Parse(answer)![member], (string?)property.GetValue(value));
    }

    [Fact]
    public async Task An_unknown_language_or_schema_is_a_precise_problem()
    {
        using var client = host.Client();

        using var language = await client.GetAsync("/v1/schemas/signup-form/types/go");
        using var schema = await client.GetAsync("/v1/schemas/no-such-schema/types/typescript");

        Assert.Equal(HttpStatusCode.BadRequest, language.StatusCode);
        Assert.Contains("use 'typescript' or 'csharp'", (string?)JsonNode.Parse(await language.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, schema.StatusCode);
    }

    [Fact]
    public async Task A_schema_the_csharp_generator_cannot_read_is_a_422_that_says_so_and_its_typescript_is_written()
    {
        // A reference to a resource the schema embeds by its $id: the service's validators follow it; NJsonSchema takes
        // it for a URL (which it may not fetch here).
        using var client = host.Client();
        using var stored = await client.PutAsync("/v1/schemas/embedded-id", new StringContent(
            """{"type":"object","properties":{"a":{"$ref":"https://example.com/item"}},"$defs":{"item":{"$id":"https://example.com/item","type":"string"}}}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());

        using var csharp = await client.GetAsync("/v1/schemas/embedded-id/types/csharp");
        using var typescript = await client.GetAsync("/v1/schemas/embedded-id/types/typescript");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, csharp.StatusCode);
        Assert.Equal("application/problem+json", csharp.Content.Headers.ContentType?.MediaType);
        Assert.Contains("C# types", (string?)JsonNode.Parse(await csharp.Content.ReadAsStringAsync())!["title"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, typescript.StatusCode);
    }
}
