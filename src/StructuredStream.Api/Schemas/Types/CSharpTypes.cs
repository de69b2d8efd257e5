using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.CodeGeneration.CSharp;

namespace StructuredStream.Api.Schemas.Types;

/// <summary>C# classes for a schema (System.Text.Json attributes, nullable annotations), written by NJsonSchema.</summary>
public static partial class CSharpTypes
{
    /// <summary>The source of a file declaring <paramref name="typeName"/> and the types it uses.</summary>
    public static async Task<string> GenerateAsync(string schemaText, string typeName)
    {
        // The schema was loaded by SchemaLoader, which refuses remote and file references; NJsonSchema would fetch them
        // (its default resolver reads files and URLs), so any reference it meets here is local or refused below.
        var schema = await JsonSchema.FromJsonAsync(schemaText, documentPath: null, referenceResolverFactory: root => new LocalReferencesOnly(root)).ConfigureAwait(false);
        var settings = new CSharpGeneratorSettings
        {
            Namespace = "StructuredStream.Generated",
            ClassStyle = CSharpClassStyle.Poco,
            JsonLibrary = CSharpJsonLibrary.SystemTextJson,
            GenerateNullableReferenceTypes = true,
            GenerateDataAnnotations = true,
        };
        var code = new CSharpGenerator(schema, settings).GenerateFile(typeName);

        // NJsonSchema names enum values for System.Text.Json with EnumMember, which System.Text.Json ignores: they would
        // be read and written as numbers. System.Text.Json's own attributes make them the schema's strings.
        code = EnumMember().Replace(code, "[System.Text.Json.Serialization.JsonStringEnumMemberName(@\"$1\")]");
        return EnumDeclaration().Replace(code, "$1[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter))]\n$1public enum ");
    }

    [GeneratedRegex("""\[System\.Runtime\.Serialization\.EnumMember\(Value = @"((?:[^"]|"")*)"\)\]""")]
    private static partial Regex EnumMember();

    [GeneratedRegex(@"^([ \t]*)public enum ", RegexOptions.Multiline)]
    private static partial Regex EnumDeclaration();

    /// <summary>Resolves references inside the schema only.</summary>
    private sealed class LocalReferencesOnly(JsonSchema root) : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
    {
        public override Task<NJsonSchema.References.IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"The reference '{filePath}' is not inside the schema; it is not read.");

        public override Task<NJsonSchema.References.IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"The reference '{url}' is not inside the schema; it is not fetched.");
    }
}
