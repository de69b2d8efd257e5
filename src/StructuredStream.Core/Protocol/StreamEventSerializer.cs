using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Validation;

namespace StructuredStream.Protocol;

/// <summary>Reads and writes events in the wire format of docs/protocol.md (one JSON object per event).</summary>
public static class StreamEventSerializer
{
    // Names already encoded skip the escaping check Utf8JsonWriter makes on every other name and value.
    private static readonly JsonEncodedText SeqName = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText OpsName = JsonEncodedText.Encode("ops");
    private static readonly JsonEncodedText PathsName = JsonEncodedText.Encode("paths");
    private static readonly JsonEncodedText OpName = JsonEncodedText.Encode("op");
    private static readonly JsonEncodedText PathName = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText PatchType = JsonEncodedText.Encode("patch");
    private static readonly JsonEncodedText CompleteType = JsonEncodedText.Encode("complete");

    // Every operation's wire name (PatchOperation.WireName), encoded once, indexed by its kind.
    private static readonly JsonEncodedText[] OpNames = [.. Enum.GetValues<PatchOperationKind>().Select(kind => JsonEncodedText.Encode(PatchOperation.WireName(kind)))];

    /// <summary>Writes one event as a JSON object with <c>seq</c> and <c>type</c> first.</summary>
    public static void Write(Utf8JsonWriter writer, SequencedEvent sequenced)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(sequenced.Event);
        switch (sequenced.Event)
        {
            case PatchEvent patch:
                WritePatch(writer, sequenced.Seq, new PatchOperationList(patch.Ops));
                return;
            case CompleteEvent complete:
                WriteComplete(writer, sequenced.Seq, Paths(complete));
                return;
        }

        WriteStart(writer, sequenced.Seq, sequenced.Event.Type);
        switch (sequenced.Event)
        {
            case ErrorEvent error:
                writer.WriteString("code"u8, error.Code);
                writer.WriteString("message"u8, error.Message);
                writer.WriteBoolean("retryable"u8, error.Retryable);
                if (error.Path is not null)
                {
                    writer.WriteString("path"u8, error.Path);
                }

                if (error.Keyword is not null)
                {
                    writer.WriteString("keyword"u8, error.Keyword);
                }

                if (error.Offset is { } offset)
                {
                    writer.WriteNumber("offset"u8, offset);
                }

                break;
            case FinalEvent final:
                WriteFinal(writer, final);
                break;
            case StartedEvent started:
                writer.WriteString("streamId"u8, started.StreamId);
                writer.WriteString("schemaHash"u8, started.SchemaHash);
                WriteOptional(writer, "schemaId"u8, started.SchemaId);
                writer.WriteString("model"u8, started.Model);
                writer.WriteString("eventsUrl"u8, started.EventsUrl);
                WriteOptional(writer, "regeneratedFrom"u8, started.RegeneratedFrom);
                WriteOptional(writer, "continuedFrom"u8, started.ContinuedFrom);
                break;
            case StatusEvent status:
                writer.WriteString("phase"u8, status.Phase);
                WriteOptional(writer, "name"u8, status.Name);
                WriteOptional(writer, "detail"u8, status.Detail);
                if (status.Position is { } position)
                {
                    writer.WriteNumber("position"u8, position);
                }

                if (status.DurationMs is { } duration)
                {
                    writer.WriteNumber("durationMs"u8, duration);
                }

                break;
            case UnknownEvent unknown:
                foreach (var property in unknown.Json.EnumerateObject())
                {
                    if (property.Name is not ("seq" or "type"))
                    {
                        property.WriteTo(writer);
                    }
                }

                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one patch operation.</summary>
    public static void WriteOperation(Utf8JsonWriter writer, PatchOperation operation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operation);
        WriteOperation(writer, new PatchOperationView(operation.Op, operation.Path, operation.Value, operation.From));
    }

    /// <summary>Writes a <c>patch</c> event.</summary>
    internal static void WritePatch(Utf8JsonWriter writer, long seq, PatchOperationList operations)
    {
        // The names the protocol fixes are encoded once: a stream writes one event per model chunk.
        WriteStart(writer, seq, PatchType);
        writer.WriteStartArray(OpsName);
        for (var i = 0; i < operations.Count; i++)
        {
            WriteOperation(writer, operations[i]);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>complete</c> event.</summary>
    internal static void WriteComplete(Utf8JsonWriter writer, long seq, ReadOnlySpan<string> paths)
    {
        WriteStart(writer, seq, CompleteType);
        writer.WriteStartArray(PathsName);
        foreach (var path in paths)
        {
            writer.WriteStringValue(path);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A complete event's paths as a span (they are an array but for events built by hand).</summary>
    internal static ReadOnlySpan<string> Paths(CompleteEvent complete) => complete.Paths as string[] ?? [.. complete.Paths];

    private static void WriteStart(Utf8JsonWriter writer, long seq, JsonEncodedText type)
    {
        writer.WriteStartObject();
        writer.WriteNumber(SeqName, seq);
        writer.WriteString(TypeName, type);
    }

    private static void WriteStart(Utf8JsonWriter writer, long seq, string type)
    {
        writer.WriteStartObject();
        // A heartbeat before any event repeats seq 0.
        writer.WriteNumber(SeqName, seq);
        writer.WriteString(TypeName, type);
    }

    private static void WriteOperation(Utf8JsonWriter writer, in PatchOperationView operation)
    {
        writer.WriteStartObject();
        writer.WriteString(OpName, EncodedWireName(operation.Op));
        if (operation.From is not null)
        {
            writer.WriteString("from"u8, operation.From);
        }

        writer.WriteString(PathName, operation.Path);
        if (operation.HasText)
        {
            writer.WriteString(ValueName, operation.Text);
        }
        else if (operation.Value is not null)
        {
            writer.WritePropertyName(ValueName);
            operation.Value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>An operation's wire name, encoded once (for <see cref="EventFormatter"/>, which writes the bytes itself).</summary>
    internal static JsonEncodedText EncodedWireName(PatchOperationKind kind) => OpNames[(int)kind];

    /// <summary>Reads one event object.</summary>
    /// <exception cref="InvalidDataException">The object is not an event of this protocol.</exception>
    public static SequencedEvent Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"An event must be a JSON object, not {element.ValueKind}.");
        }

        var type = RequireString(element, "type", "An event");
        if (!element.TryGetProperty("seq", out var seqElement) || !seqElement.TryGetInt64(out var seq) || seq < (type == "heartbeat" ? 0 : 1))
        {
            throw new InvalidDataException("An event must have a 'seq' that is a positive integer.");
        }

        try
        {
            StreamEvent evt = type switch
            {
                "patch" => new PatchEvent(ReadArray(element, "ops", ReadOperation)),
                "complete" => new CompleteEvent(ReadArray(element, "paths", static p =>
                    p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new InvalidDataException("'paths' must hold strings."))),
                "error" => new ErrorEvent(RequireString(element, "code", "An error event"), RequireString(element, "message", "An error event"),
                    element.TryGetProperty("retryable", out var retryable) && retryable.ValueKind == JsonValueKind.True)
                {
                    Path = OptionalString(element, "path"),
                    Keyword = OptionalString(element, "keyword"),
                    Offset = element.TryGetProperty("offset", out var offset) && offset.TryGetInt64(out var o) ? o : null,
                },
                "final" => ReadFinal(element),
                "started" => new StartedEvent(RequireString(element, "streamId", "A started event"), RequireString(element, "schemaHash", "A started event"),
                    RequireString(element, "model", "A started event"), RequireString(element, "eventsUrl", "A started event"))
                {
                    SchemaId = OptionalString(element, "schemaId"),
                    RegeneratedFrom = OptionalString(element, "regeneratedFrom"),
                    ContinuedFrom = OptionalString(element, "continuedFrom"),
                },
                "status" => new StatusEvent(RequireString(element, "phase", "A status event"))
                {
                    Name = OptionalString(element, "name"),
                    Detail = OptionalString(element, "detail"),
                    Position = element.TryGetProperty("position", out var position) && position.TryGetInt32(out var p) ? p : null,
                    DurationMs = element.TryGetProperty("durationMs", out var duration) && duration.TryGetInt64(out var d) ? d : null,
                },
                "heartbeat" => HeartbeatEvent.Instance,
                _ => new UnknownEvent(type, element.Clone()),
            };
            return new SequencedEvent(seq, evt);
        }
        catch (PatchException e)
        {
            throw new InvalidDataException($"Event {seq} ({type}) has a malformed patch: {e.Message}", e);
        }
    }

    /// <summary>Reads one patch operation object, checking the members each operation requires (RFC 6902 section 4).</summary>
    /// <exception cref="PatchException">The object is not a valid operation.</exception>
    public static PatchOperation ReadOperation(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PatchException("A patch operation must be a JSON object.");
        }

        if (!element.TryGetProperty("op", out var opElement) || opElement.ValueKind != JsonValueKind.String)
        {
            throw new PatchException("A patch operation must have an 'op' string.");
        }

        var name = opElement.GetString()!;
        if (!PatchOperation.TryParseWireName(name, out var op))
        {
            throw new PatchException($"'{name}' is not a patch operation.");
        }

        if (!element.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String)
        {
            throw new PatchException($"The '{name}' operation must have a 'path' string.");
        }

        var path = pathElement.GetString()!;
        JsonPointer.Parse(path);
        string? from = null;
        if (op is PatchOperationKind.Move or PatchOperationKind.Copy)
        {
            if (!element.TryGetProperty("from", out var fromElement) || fromElement.ValueKind != JsonValueKind.String)
            {
                throw new PatchException($"The '{name}' operation must have a 'from' string.");
            }

            from = fromElement.GetString()!;
            JsonPointer.Parse(from);
        }

        DocumentNode? value = null;
        if (op is PatchOperationKind.Add or PatchOperationKind.Replace or PatchOperationKind.Test or PatchOperationKind.Append)
        {
            if (!element.TryGetProperty("value", out var valueElement))
            {
                throw new PatchException($"The '{name}' operation at '{path}' must have a 'value'.");
            }

            value = DocumentNode.FromElement(valueElement);
            if (op == PatchOperationKind.Append && value is not StringNode)
            {
                throw new PatchException($"The value of an append at '{path}' must be a string.");
            }
        }

        return new PatchOperation(op, path, value, from);
    }

    private static void WriteFinal(Utf8JsonWriter writer, FinalEvent final)
    {
        writer.WriteString("outcome"u8, FinalEvent.WireName(final.Outcome));
        writer.WritePropertyName("object"u8);
        final.Object.WriteTo(writer);
        writer.WriteStartArray("repairs"u8);
        foreach (var repair in final.Repairs)
        {
            writer.WriteStartObject();
            writer.WriteString("kind"u8, Repair.WireName(repair.Kind));
            writer.WriteNumber("count"u8, repair.Count);
            writer.WriteNumber("offset"u8, repair.Offset);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("errors"u8);
        foreach (var error in final.Errors)
        {
            writer.WriteStartObject();
            writer.WriteString("path"u8, error.Path);
            writer.WriteString("keyword"u8, error.Keyword);
            writer.WriteString("message"u8, error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("checksum"u8, final.Checksum);
    }

    private static FinalEvent ReadFinal(JsonElement element)
    {
        var outcomeName = RequireString(element, "outcome", "A final event");
        if (!FinalEvent.TryParseWireName(outcomeName, out var outcome))
        {
            throw new InvalidDataException($"'{outcomeName}' is not an outcome.");
        }

        if (!element.TryGetProperty("object", out var obj))
        {
            throw new InvalidDataException("A final event must have an 'object'.");
        }

        var repairs = element.TryGetProperty("repairs", out _)
            ? ReadArray(element, "repairs", static r => Repair.TryParseWireName(RequireString(r, "kind", "A repair"), out var kind)
                ? new Repair(kind, r.TryGetProperty("count", out var c) && c.TryGetInt32(out var count) ? count : 1,
                    r.TryGetProperty("offset", out var o) && o.TryGetInt64(out var offset) ? offset : 0)
                : throw new InvalidDataException($"'{r.GetProperty("kind")}' is not a repair kind."))
            : [];
        var errors = element.TryGetProperty("errors", out _)
            ? ReadArray(element, "errors", static e => new ValidationError(RequireString(e, "path", "An error"), RequireString(e, "keyword", "An error"), RequireString(e, "message", "An error")))
            : [];
        return new FinalEvent(outcome, DocumentNode.FromElement(obj), repairs, errors, RequireString(element, "checksum", "A final event"));
    }

    private static T[] ReadArray<T>(JsonElement element, string name, Func<JsonElement, T> read)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"'{name}' must be an array.");
        }

        var items = new T[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            items[i++] = read(item);
        }

        return items;
    }

    private static string RequireString(JsonElement element, string name, string what) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{what} must have a '{name}' string.");

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
