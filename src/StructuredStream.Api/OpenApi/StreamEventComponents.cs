using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using StructuredStream.Protocol;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace StructuredStream.Api.OpenApi;

/// <summary>
/// Adds the wire format's definitions (<see cref="StreamEventSchema"/>: <c>StreamEvent</c> and each kind of event) to
/// the document's components, so the streaming responses can point at them. One source for both: the schema that the
/// Core tests hold the serializer to.
/// </summary>
internal sealed class StreamEventComponents : IDocumentFilter
{
    /// <summary>The component every event stream's items point at.</summary>
    public const string StreamEvent = "StreamEvent";

    private static readonly JsonObject Definitions = JsonNode.Parse(StreamEventSchema.Text)!["$defs"]!.AsObject();

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Components ??= new OpenApiComponents();
        swaggerDoc.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, definition) in Definitions)
        {
            // Within the schema file definitions refer to each other under $defs; in the document, under components.
            var json = definition!.ToJsonString().Replace("#/$defs/", "#/components/schemas/", StringComparison.Ordinal);
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(json, OpenApiSpecVersion.OpenApi3_1, swaggerDoc, out var diagnostic, "json");
            if (schema is null || diagnostic?.Errors.Count > 0)
            {
                throw new InvalidOperationException($"The stream event schema's '{name}' is not an OpenAPI schema: {string.Join("; ", diagnostic?.Errors.Select(e => e.Message) ?? [])}");
            }

            swaggerDoc.Components.Schemas[name] = schema;
        }
    }
}
