using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>
/// A node of a partial JSON document. Unlike <c>System.Text.Json.Nodes.JsonNode</c>, strings grow in amortized
/// O(1) per appended character and numbers keep their exact text (integers past 64 bits, <c>1E400</c>).
/// </summary>
/// <remarks>Not thread safe: a document is owned by one writer at a time.</remarks>
public abstract class DocumentNode
{
    private protected DocumentNode()
    {
    }

    /// <summary>The JSON type of this node.</summary>
    public abstract DocumentNodeKind Kind { get; }

    /// <summary>Returns a copy that shares no mutable state with this node.</summary>
    public abstract DocumentNode DeepClone();

    /// <summary>Writes this node as JSON.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>Returns this node as compact JSON text (member order kept, non-ASCII unescaped).</summary>
    public string ToJsonString()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override string ToString() => ToJsonString();

    /// <summary>
    /// JSON equality: object members compare regardless of order, array elements in order, and numbers by exact
    /// decimal value (<c>1</c>, <c>1.0</c> and <c>10E-1</c> are equal).
    /// </summary>
    public static bool DeepEquals(DocumentNode? left, DocumentNode? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Kind != right.Kind)
        {
            return false;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        return left switch
        {
            StringNode s => s.AsSpan().SequenceEqual(((StringNode)right).AsSpan()),
            LiteralNode l => l.Kind != DocumentNodeKind.Number || NumberText.ValueEquals(l.Text, ((LiteralNode)right).Text),
            ArrayNode a => a.ElementsEqual((ArrayNode)right),
            ObjectNode o => o.MembersEqual((ObjectNode)right),
            _ => false,
        };
    }

    /// <summary>Builds a node from a parsed <see cref="JsonElement"/>; numbers keep their raw text.</summary>
    public static DocumentNode FromElement(JsonElement element)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new ObjectNode();
                foreach (var property in element.EnumerateObject())
                {
                    // JsonDocument keeps duplicate names; like JavaScript and our parser, the last one wins.
                    obj.Set(property.Name, FromElement(property.Value));
                }

                return obj;
            case JsonValueKind.Array:
                var array = new ArrayNode();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item));
                }

                return array;
            case JsonValueKind.String:
                return new StringNode(element.GetString()!);
            case JsonValueKind.Number:
                return LiteralNode.Number(element.GetRawText());
            case JsonValueKind.True:
                return LiteralNode.True;
            case JsonValueKind.False:
                return LiteralNode.False;
            case JsonValueKind.Null:
                return LiteralNode.Null;
            default:
                throw new ArgumentException($"A JSON value was expected, not {element.ValueKind}.", nameof(element));
        }
    }

    /// <summary>Parses complete JSON text with System.Text.Json (duplicate names: last wins).</summary>
    public static DocumentNode Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        return FromElement(document.RootElement);
    }

    /// <summary>
    /// Writer options for documents and events: compact, and non-ASCII left unescaped so the wire stays close to the
    /// document's own size (astral characters are still written as escaped surrogate pairs by the encoder).
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };
}
