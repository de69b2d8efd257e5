using StructuredStream.Api.Access;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using StructuredStream.Schemas;

namespace StructuredStream.Api.Schemas;

/// <summary><c>/v1/schemas</c>: named schemas, and checks of any schema against this service and a provider.</summary>
public static class SchemaEndpoints
{
    /// <summary>Maps the schema endpoints.</summary>
    public static IEndpointRouteBuilder MapSchemaEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/schemas").WithTags("Schemas");
        group.MapGet("", async (SchemaCatalog catalog, HttpContext context) => TypedResults.Ok((await catalog.AllAsync(TenantOf.Request(context)).ConfigureAwait(false)).Select(SchemaSummary.Of).ToArray()))
            .WithName("ListSchemas").WithSummary("Lists the named schemas.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}", GetSchema)
            .WithName("GetSchema").WithSummary("Returns a named schema as it was stored.")
            .Produces(StatusCodes.Status200OK, contentType: "application/schema+json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{id}/types/{language}", GetTypesAsync)
            .WithName("GetSchemaTypes").WithSummary("Returns types for a named schema's objects: language 'typescript' (interfaces) or 'csharp' (System.Text.Json classes, by NJsonSchema).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPut("/{id}", PutSchema)
            .WithName("PutSchema").WithSummary("Stores a schema under a name (replacing one of the same name).")
            .Accepts<JsonElement>("application/json", "application/schema+json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/check", CheckSchema)
            .WithName("CheckSchema").WithSummary("Checks a schema: is it accepted, and does it fit a provider's strict mode (?provider=openai)?")
            .Accepts<JsonElement>("application/json", "application/schema+json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetSchema(string id, SchemaCatalog catalog, HttpContext context)
    {
        if (await catalog.FindAsync(id, TenantOf.Request(context)).ConfigureAwait(false) is not { } schema)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown schema", detail: $"There is no schema named '{id}'; GET /v1/schemas lists them.");
        }

        context.Response.Headers.ETag = $"\"{schema.Schema.Hash}\"";
        return TypedResults.Content(schema.Text, "application/schema+json", Encoding.UTF8);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetTypesAsync(string id, string language, SchemaCatalog catalog, HttpContext context)
    {
        if (await catalog.FindAsync(id, TenantOf.Request(context)).ConfigureAwait(false) is not { } schema)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown schema", detail: $"There is no schema named '{id}'; GET /v1/schemas lists them.");
        }

        var typeName = Types.TypeScriptTypes.NameOf(id);
        context.Response.Headers.ETag = $"\"{schema.Schema.Hash}-{language}\"";
        return language switch
        {
            "typescript" => TypedResults.Content(Types.TypeScriptTypes.Generate(schema.Schema.Json, typeName), "text/plain", Encoding.UTF8),
            "csharp" => await CSharpAsync(schema, typeName).ConfigureAwait(false),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language", detail: $"'{language}' is not a language types are written in; use 'typescript' or 'csharp'."),
        };
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> CSharpAsync(NamedSchema schema, string typeName)
    {
        try
        {
            return TypedResults.Content(await Types.CSharpTypes.GenerateAsync(schema.Text, typeName).ConfigureAwait(false), "text/plain", Encoding.UTF8);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // NJsonSchema reads less of 2020-12 than the service validates (a reference to a resource the schema embeds
            // by its $id, say): the schema is fine, its C# types cannot be written.
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The C# types cannot be written for this schema",
                detail: $"NJsonSchema, which writes them, cannot read it: {e.Message} The TypeScript types (…/types/typescript) are written by the service itself.");
        }
    }

    private static async Task<Results<Created<SchemaSummary>, Ok<SchemaSummary>, ProblemHttpResult>> PutSchema(string id, HttpRequest request, SchemaCatalog catalog)
    {
        if (!SchemaCatalog.IsValidId(id))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad schema id", detail: $"'{id}' is not a schema id: use lowercase letters, digits, '-', '_' and '.', at most 64 characters.");
        }

        var text = await ReadBodyAsync(request).ConfigureAwait(false);
        try
        {
            var (stored, isNew) = await catalog.PutAsync(id, text, TenantOf.Request(request.HttpContext)).ConfigureAwait(false);
            var summary = SchemaSummary.Of(stored);
            return isNew ? TypedResults.Created($"/v1/schemas/{id}", summary) : TypedResults.Ok(summary);
        }
        catch (SchemaException e)
        {
            return Refused(e);
        }
        catch (TooManySchemasException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many schemas", detail: e.Message);
        }
    }

    private static async Task<Results<Ok<SchemaCheckResult>, ProblemHttpResult>> CheckSchema(HttpRequest request, string? provider)
    {
        if (provider is not null && !ProviderSubsets.Known.Contains(provider))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown provider",
                detail: $"'{provider}' is not a provider that can be checked; known: {string.Join(", ", ProviderSubsets.Known)}.");
        }

        var text = await ReadBodyAsync(request).ConfigureAwait(false);
        CompiledSchema schema;
        try
        {
            schema = SchemaLoader.Load(text);
        }
        catch (SchemaException e)
        {
            return TypedResults.Ok(new SchemaCheckResult(false, null, e.Problems, provider, null, []));
        }

        var fit = provider is null ? null : ProviderSubsets.Check(provider, schema.Json);
        return TypedResults.Ok(new SchemaCheckResult(true, schema.Hash, [], provider, fit?.Fits, fit?.Reasons ?? []));
    }

    internal static ProblemHttpResult Refused(SchemaException e) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The schema is refused",
            detail: e.Message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["schema"] = [.. e.Problems.Select(p => p.ToString())] } });

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
