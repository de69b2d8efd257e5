using System.Reflection;
using Microsoft.OpenApi;

namespace StructuredStream.Api.OpenApi;

/// <summary>Swagger UI at <c>/swagger</c> and the OpenAPI document it shows (also kept as <c>openapi.yaml</c>).</summary>
public static class SwaggerSetup
{
    /// <summary>The document's name.</summary>
    public const string DocumentName = "v1";

    /// <summary>Adds the document generator.</summary>
    public static IServiceCollection AddStructuredStreamSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "StructuredStream",
                Version = "v1",
                Description = "Streams a model's structured output as validated JSON Patch deltas over NDJSON or SSE. See docs/protocol.md for the events.",
            });
            // With keys configured (StructuredStream:Access:Keys) every /v1 call needs one; Swagger UI's Authorize sends it.
            options.AddSecurityDefinition("apiKey", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The API key, sent as 'Authorization: Bearer <key>' (or 'X-Api-Key: <key>'). Not needed when the service has no keys configured (loopback only).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
            options.DocumentFilter<StreamEventComponents>();
            options.OperationFilter<EventStreamResponses>();
            options.OperationFilter<CreateStreamExamples>();
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    /// <summary>Serves the document (JSON and YAML) and Swagger UI.</summary>
    public static WebApplication UseStructuredStreamSwagger(this WebApplication app)
    {
        app.UseSwagger(options => options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        app.UseSwaggerUI(options => options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "StructuredStream v1"));
        return app;
    }
}
