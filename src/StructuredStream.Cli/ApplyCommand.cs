using System.CommandLine;
using System.Text.Json;
using StructuredStream.Documents;
using StructuredStream.Patching;
using StructuredStream.Protocol;

namespace StructuredStream.Cli;

/// <summary>
/// <c>apply</c>: replays a captured event stream the way a client does, checks it (seq order, patches, the final
/// object and its checksum) and prints the object it builds.
/// </summary>
internal static class ApplyCommand
{
    /// <summary>The object nests at most 64 levels by default (1,000 with --max-depth) and an event wraps it in a few more.</summary>
    private static readonly JsonDocumentOptions EventJson = new() { MaxDepth = 1024 + 8 };

    public static Command Create(Stream output, TextWriter error, InputFiles files)
    {
        var events = new Argument<string>("EVENTS") { Description = "NDJSON event stream, as 'replay' or the API writes it ('-' for stdin)." };
        var indent = new Option<bool>("--indent") { Description = "Print the object indented." };
        var command = new Command("apply", "Apply a captured event stream from null and print the object it builds. Exit 0 if the stream completed and checks out, 1 if it failed or does not check out (the object is still printed), 2 on bad usage or unreadable input.")
        {
            events, indent,
        };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(events)!;
            var result = Replay(files, path);
            Print(result.Document, output, parsed.GetValue(indent));
            if (result.Problem is not null)
            {
                error.WriteLine($"structured-stream apply: {CliApplication.OneLine(result.Problem)}");
                return ExitCodes.StreamFailed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (DocumentNode Document, string? Problem) Replay(InputFiles files, string path)
    {
        using var reader = files.OpenText(path);
        DocumentNode document = LiteralNode.Null;
        FinalEvent? final = null;
        ErrorEvent? failure = null;
        long seq = 0;
        var lineNumber = 0;
        while (InputFiles.Reading(path, reader.ReadLine) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var sequenced = ReadEvent(path, lineNumber, line);
            if (sequenced.Event is HeartbeatEvent)
            {
                // It repeats the last seq and is not part of the stream (docs/protocol.md).
                continue;
            }

            if (final is not null)
            {
                return (document, $"event {sequenced.Seq} comes after the final event.");
            }

            // A reader that caught up gets a run of patches as one, with the seq of the last: seqs may skip before a
            // patch. Anywhere else a skip is an event missing; a lost patch shows in the final object's check.
            if (sequenced.Seq <= seq || (sequenced.Seq != seq + 1 && sequenced.Event is not PatchEvent))
            {
                return (document, $"expected seq {seq + 1} but line {lineNumber} has seq {sequenced.Seq}: events are missing or out of order.");
            }

            seq = sequenced.Seq;
            switch (sequenced.Event)
            {
                case PatchEvent patch:
                    try
                    {
                        document = PatchApplier.Apply(document, patch.Ops);
                    }
                    catch (PatchException e)
                    {
                        return (document, $"the patch of event {seq} cannot be applied: {e.Message}");
                    }

                    break;
                case ErrorEvent e:
                    failure = e;
                    break;
                case FinalEvent f:
                    final = f;
                    break;
            }
        }

        if (final is null)
        {
            return (document, seq == 0 ? "the stream is empty." : $"the stream ended at seq {seq} without a final event.");
        }

        if (!DocumentNode.DeepEquals(document, final.Object))
        {
            return (document, "the patches do not build the final object.");
        }

        var checksum = CanonicalJson.Checksum(document);
        if (checksum != final.Checksum)
        {
            return (document, $"checksum mismatch: the object hashes to {checksum}, the final event says {final.Checksum}.");
        }

        if (final.Outcome != StreamOutcome.Completed)
        {
            var reason = failure is null ? "" : $" ({failure.Code}: {failure.Message})";
            return (document, $"the stream ended {FinalEvent.WireName(final.Outcome)}{reason}.");
        }

        return (document, null);
    }

    private static SequencedEvent ReadEvent(string path, int lineNumber, string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line, EventJson);
            return StreamEventSerializer.Read(json.RootElement);
        }
        catch (JsonException e)
        {
            throw new CliInputException($"{path}, line {lineNumber}: not JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            // InvalidOperationException: a string JSON allows but .NET cannot hold (a lone surrogate escape, say).
            throw new CliInputException($"{path}, line {lineNumber}: {e.Message}", e);
        }
    }

    private static void Print(DocumentNode document, Stream output, bool indent)
    {
        using (var writer = new Utf8JsonWriter(output, DocumentNode.WriterOptions with { Indented = indent }))
        {
            document.WriteTo(writer);
        }

        output.Write("\n"u8);
        output.Flush();
    }
}
