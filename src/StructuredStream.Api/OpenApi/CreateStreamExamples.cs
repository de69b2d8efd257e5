using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StructuredStream.Api.OpenApi;

/// <summary>Request bodies for <c>POST /v1/streams</c> that run as they are against the simulated model (a test runs each).</summary>
internal sealed class CreateStreamExamples : IOperationFilter
{
    /// <summary>Name, summary and body of each example.</summary>
    public static IReadOnlyList<(string Name, string Summary, string Body)> All { get; } =
    [
        ("named-schema", "A named schema and a prompt",
            """{"schemaId":"support-ticket","prompt":"I was charged twice for my March invoice and the app crashes when I open billing."}"""),
        ("inline-schema", "Your own schema, inline",
            """
            {"schema":{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"array","minItems":3,"maxItems":3,
              "items":{"type":"object","properties":{"day":{"type":"string"},"summary":{"type":"string"},"highC":{"type":"integer","minimum":-30,"maximum":50}},
              "required":["day","summary","highC"],"additionalProperties":false}}},"required":["city","days"],"additionalProperties":false},
             "prompt":"A three-day weather outlook for Lisbon."}
            """),
        ("messages-strict-patches", "A conversation, sampling options and strict RFC 6902 patches (no append)",
            """
            {"schemaId":"research-answer","messages":[{"role":"system","content":"Answer briefly and cite sources."},{"role":"user","content":"Why is the sky blue?"}],
             "model":{"temperature":0.2,"maxOutputTokens":800,"seed":42},"patch":"strict"}
            """),
        ("tool-call", "The simulated model looks something up first: status events with phase retrieval",
            """{"schemaId":"research-answer","prompt":"What did the 2024 report say about tides?","simulation":{"scenario":"tool"}}"""),
        ("stall", "The model stops writing after 30 tokens: status stalled, then error timed_out, and final keeps the partial object",
            """{"schemaId":"sales-dashboard","prompt":"Q3 sales by region.","simulation":{"scenario":"stall","afterTokens":30}}"""),
        ("violation-continue", "The model breaks the schema and the stream goes on: error schema_violation, then final invalid",
            """{"schemaId":"signup-form","prompt":"Sign up Ada.","onViolation":"continue","simulation":{"scenario":"violation"}}"""),
        ("malformed", "Prose and code fences around the JSON: repaired, and the repairs are listed in final",
            """{"schemaId":"support-ticket","prompt":"My order never arrived.","simulation":{"scenario":"malformed","tokensPerSecond":80}}"""),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "CreateStream" || operation.RequestBody?.Content?.TryGetValue("application/json", out var found) != true
            || found is not OpenApiMediaType media)
        {
            return;
        }

        media.Examples = new Dictionary<string, IOpenApiExample>();
        foreach (var (name, summary, body) in All)
        {
            media.Examples[name] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(body) };
        }
    }
}
