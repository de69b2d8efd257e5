namespace StructuredStream.Api.Schemas;

/// <summary>A named schema in <c>GET /v1/schemas</c>.</summary>
/// <param name="Id">Its name.</param>
/// <param name="Hash">Its content hash.</param>
/// <param name="Title">Its <c>title</c>, if it has one.</param>
/// <param name="Description">Its <c>description</c>, if it has one.</param>
public sealed record SchemaSummary(string Id, string Hash, string? Title, string? Description)
{
    internal static SchemaSummary Of(NamedSchema schema)
    {
        var json = schema.Schema.Json;
        string? Text(string name) =>
            json.ValueKind == System.Text.Json.JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        return new SchemaSummary(schema.Id, schema.Schema.Hash, Text("title"), Text("description"));
    }
}
