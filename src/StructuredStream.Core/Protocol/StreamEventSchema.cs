namespace StructuredStream.Protocol;

/// <summary>
/// The wire format as a JSON Schema (draft 2020-12): the root is one event, and each kind of event, the patch
/// operation, the repair and the validation error are under <c>$defs</c> by name. The HTTP service publishes the same
/// definitions in its OpenAPI document; clients in other languages can generate types from it.
/// </summary>
public static class StreamEventSchema
{
    /// <summary>The schema's text.</summary>
    public static string Text { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(StreamEventSchema).Assembly.GetManifestResourceStream("StructuredStream.Protocol.stream-event.schema.json")
            ?? throw new InvalidOperationException("The stream event schema is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
