using System.Text.Json;

namespace StructuredStream.Schemas;

/// <summary>A subschema: its JSON, the document it is in, where in it, and the base URI its references resolve against.</summary>
internal readonly record struct SchemaLocation(JsonElement Element, string Document, string Pointer, Uri BaseUri)
{
    /// <summary>Identifies the subschema across documents.</summary>
    public string Key => string.Concat(Document, "#", Pointer);
}
