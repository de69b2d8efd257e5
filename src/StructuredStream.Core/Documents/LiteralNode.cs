using System.Diagnostics;
using System.Text.Json;

namespace StructuredStream.Documents;

/// <summary>An immutable scalar that is not a string: a number (exact text), <c>true</c>, <c>false</c> or <c>null</c>.</summary>
public sealed class LiteralNode : DocumentNode
{
    private LiteralNode(DocumentNodeKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>The shared <c>true</c> node.</summary>
    public static LiteralNode True { get; } = new(DocumentNodeKind.True, "true");

    /// <summary>The shared <c>false</c> node.</summary>
    public static LiteralNode False { get; } = new(DocumentNodeKind.False, "false");

    /// <summary>The shared <c>null</c> node.</summary>
    public static LiteralNode Null { get; } = new(DocumentNodeKind.Null, "null");

    /// <inheritdoc />
    public override DocumentNodeKind Kind { get; }

    /// <summary>The JSON text of the value, exactly as it was written.</summary>
    public string Text { get; }

    /// <summary>Creates a number node from JSON number text, which must already be valid (RFC 8259 section 6).</summary>
    public static LiteralNode Number(string text)
    {
        Debug.Assert(NumberText.IsValid(text), $"'{text}' is not a JSON number.");
        return new LiteralNode(DocumentNodeKind.Number, text);
    }

    /// <summary>Returns the shared node for a boolean.</summary>
    public static LiteralNode Boolean(bool value) => value ? True : False;

    /// <inheritdoc />
    public override DocumentNode DeepClone() => this;

    /// <inheritdoc />
    public override void WriteTo(Utf8JsonWriter writer)
    {
        switch (Kind)
        {
            case DocumentNodeKind.Number:
                writer.WriteRawValue(Text, skipInputValidation: true);
                break;
            case DocumentNodeKind.True:
                writer.WriteBooleanValue(true);
                break;
            case DocumentNodeKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
