using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using StructuredStream.Documents;
using StructuredStream.Schemas;

namespace StructuredStream.Validation;

/// <summary>
/// The authoritative, full draft 2020-12 validation of a whole object, by JsonSchema.Net. Its registry holds only the
/// schema and the documents it was given: a reference to anything else fails the build; nothing is fetched.
/// </summary>
/// <remarks>Built once per schema; it may validate from any thread.</remarks>
public sealed class FinalValidator
{
    private readonly JsonSchema _schema;
    private readonly EvaluationOptions _evaluation;

    private FinalValidator(JsonSchema schema, bool assertFormats)
    {
        _schema = schema;
        _evaluation = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = assertFormats };
    }

    /// <summary>Builds the validator of a schema that <see cref="SchemaLoader"/> has already accepted.</summary>
    internal static FinalValidator Build(string text, Uri baseUri, SchemaLoadOptions options)
    {
        var dialect = TimedPatterns.Dialect(options.Limits.PatternMatchTimeout);
        var dialects = new DialectRegistry();
        dialects.Register(dialect);
        var registry = new SchemaRegistry();
        var build = new BuildOptions { SchemaRegistry = registry, DialectRegistry = dialects, Dialect = dialect };
        // Known documents are built when first referenced; anything else is refused, never fetched.
        registry.Fetch = (uri, _) =>
        {
            var document = new Uri(uri.GetLeftPart(UriPartial.Query));
            if (!options.KnownDocuments.TryGetValue(document, out var known))
            {
                throw new SchemaException($"'{uri}' is outside the schema; remote references are never fetched.");
            }

            var schema = JsonSchema.FromText(known, build, document);
            if (schema.BaseUri != document)
            {
                // A document whose $id differs from where it was found is known by both names.
                registry.Register(document, schema);
            }

            return schema;
        };
        return new FinalValidator(JsonSchema.FromText(text, build, baseUri), options.AssertFormats);
    }

    /// <summary>Validates a whole object; an empty list means it is valid.</summary>
    /// <exception cref="RegexMatchTimeoutException">A <c>pattern</c> ran past its time-out.</exception>
    public IReadOnlyList<ValidationError> Validate(DocumentNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // Written straight to UTF-8: no intermediate string of the whole object.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentNode.WriterOptions))
        {
            value.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 100_000 });
        return Validate(document.RootElement);
    }

    /// <summary>Validates a whole JSON value; an empty list means it is valid.</summary>
    public IReadOnlyList<ValidationError> Validate(JsonElement value)
    {
        var results = _schema.Evaluate(value, _evaluation);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<ValidationError>();
        Collect(results, errors);
        return errors;
    }

    /// <summary>Collects the errors along failing paths only: a subschema that passed explains nothing.</summary>
    private static void Collect(EvaluationResults results, List<ValidationError> errors)
    {
        var pending = new Stack<EvaluationResults>();
        pending.Push(results);
        while (pending.TryPop(out var node))
        {
            if (node.IsValid)
            {
                continue;
            }

            var explained = false;
            if (node.Errors is { } messages)
            {
                foreach (var (keyword, message) in messages)
                {
                    errors.Add(new ValidationError(node.InstanceLocation.ToString(), keyword.Length == 0 ? "false" : keyword, message));
                    explained = true;
                }
            }

            if (node.Details is { } details)
            {
                for (var i = details.Count - 1; i >= 0; i--)
                {
                    explained |= !details[i].IsValid;
                    pending.Push(details[i]);
                }
            }

            if (!explained)
            {
                // Some keywords fail without a message of their own: "not" (its subschema passed) and "oneOf" (more than
                // one alternative passed). The keyword is the last name in the failing evaluation path.
                var keyword = KeywordOf(node.Details is [var first, ..] ? first.EvaluationPath.ToString() : node.EvaluationPath.ToString());
                errors.Add(new ValidationError(node.InstanceLocation.ToString(), keyword, $"Fails '{keyword}' at {node.EvaluationPath}."));
            }
        }
    }

    private static string KeywordOf(string evaluationPath)
    {
        var segments = evaluationPath.Split('/');
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            if (segments[i].Length > 0 && !char.IsAsciiDigit(segments[i][0]))
            {
                return segments[i];
            }
        }

        return "false";
    }
}
