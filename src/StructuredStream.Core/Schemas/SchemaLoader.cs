using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Json.Schema;
using StructuredStream.Validation;

namespace StructuredStream.Schemas;

/// <summary>
/// Accepts or refuses a schema: JSON text within the limits, draft 2020-12 keywords only (plus <c>x-</c> extensions),
/// every <c>$ref</c> inside the schema or its known documents. Everything wrong is reported at once.
/// </summary>
public static class SchemaLoader
{
    /// <summary>Loads a schema.</summary>
    /// <exception cref="SchemaException">The schema is refused; <see cref="SchemaException.Problems"/> says why.</exception>
    public static CompiledSchema Load(string text, SchemaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= SchemaLoadOptions.Default;
        options.Limits.Validate();
        if (text.Length > options.Limits.MaxLength)
        {
            throw new SchemaException($"The schema is {text.Length} characters long; the limit is {options.Limits.MaxLength}.");
        }

        var hash = HashOf(text);
        // Relative references resolve against this made-up base, which no other resource has, so they are refused.
        var baseUri = new Uri($"https://structuredstream.invalid/schemas/{hash["sha256:".Length..]}.json");
        using var document = Parse(text, options.Limits, "The schema");
        var known = new List<JsonDocument>();
        try
        {
            var resources = new SchemaResources();
            var root = resources.Add(document.RootElement, baseUri);
            foreach (var (uri, knownText) in options.KnownDocuments)
            {
                known.Add(Parse(knownText, options.Limits, $"The document known as {uri}"));
                resources.Add(known[^1].RootElement, uri);
            }

            var compiler = new SchemaCompiler(resources, options);
            var node = compiler.Compile(root);
            if (compiler.Problems.Count > 0)
            {
                throw new SchemaException(compiler.Problems);
            }

            return new CompiledSchema(document.RootElement.Clone(), hash, node, BuildFinal(text, baseUri, options));
        }
        finally
        {
            foreach (var item in known)
            {
                item.Dispose();
            }
        }
    }

    /// <summary><c>sha256:</c> and the hex SHA-256 of the UTF-8 text.</summary>
    public static string HashOf(string text) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonDocument Parse(string text, SchemaLimits limits, string what)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
        }
        catch (JsonException e)
        {
            // Only the depth limit names "maximum" depth; an unclosed object also mentions depth ("expected depth to be zero").
            var reason = e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"nests deeper than {limits.MaxDepth} levels"
                : $"is not JSON ({e.Message})";
            throw new SchemaException($"{what} {reason}.");
        }
    }

    private static FinalValidator BuildFinal(string text, Uri baseUri, SchemaLoadOptions options)
    {
        try
        {
            return FinalValidator.Build(text, baseUri, options);
        }
        catch (JsonSchemaException e)
        {
            throw new SchemaException($"JsonSchema.Net refuses the schema: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new SchemaException($"JsonSchema.Net refuses the schema: {e.Message}", e);
        }
    }
}
