using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using StructuredStream.Parsing;
using StructuredStream.Patching;
using StructuredStream.Protocol;
using StructuredStream.Schemas;
using StructuredStream.Streaming;
using StructuredStream.Validation;

namespace StructuredStream.Cli;

/// <summary><c>replay</c>: feeds recorded or cut-up model output to the engine and writes the event stream as NDJSON.</summary>
internal static class ReplayCommand
{
    public static Command Create(Stream output, InputFiles files)
    {
        var chunks = new Option<string>("--chunks") { Description = "NDJSON file of model chunks: each line one JSON string ('-' for stdin).", HelpName = "FILE" };
        var text = new Option<string>("--text") { Description = "Plain text file of the model's whole answer ('-' for stdin).", HelpName = "FILE" };
        var chunkSize = new Option<int?>("--chunk-size") { Description = "Cut --text into chunks of N UTF-16 code units (default: one chunk).", HelpName = "N" };
        var randomChunks = new Option<int?>("--random-chunks") { Description = "Cut --text into chunks of 1 to 8 code units, reproducibly from SEED.", HelpName = "SEED" };
        var patch = new Option<string>("--patch") { Description = "append: strings grow with the 'append' op; strict: RFC 6902 ops only ('replace').", DefaultValueFactory = _ => "append" };
        patch.AcceptOnlyFromAmong("append", "strict");
        var strict = new Option<bool>("--strict") { Description = "Accept only RFC 8259 JSON: no repairs; anything else fails the stream." };
        var coalesce = new Option<int>("--coalesce") { Description = "Send the events of every N chunks merged, one patch and one complete, as the service's Streams:CoalesceWithin does for the chunks of a window.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var maxDepth = new Option<int>("--max-depth") { Description = "Deepest nesting accepted (1 to 1000).", DefaultValueFactory = _ => JsonParserOptions.Default.MaxDepth, HelpName = "N" };

        var schema = new Option<string>("--schema") { Description = "JSON Schema (draft 2020-12) the object must satisfy: violations are reported as they become provable, and the whole object is validated at the end.", HelpName = "FILE" };
        var onViolation = new Option<string>("--on-violation") { Description = "abort: end the stream at the first violation (outcome invalid); continue: report each violation and go on.", DefaultValueFactory = _ => "abort" };
        onViolation.AcceptOnlyFromAmong("abort", "continue");

        var command = new Command("replay", "Stream model output through the engine; write the events as NDJSON to stdout. Exit 0 if the stream completed, 1 if it failed (the events are still written), 2 on bad usage or unreadable input.")
        {
            chunks, text, chunkSize, randomChunks, patch, strict, coalesce, maxDepth, schema, onViolation,
        };
        command.Validators.Add(result =>
        {
            // Presence, not values: a value that does not parse is reported by its own option.
            bool Given(Option option) => result.GetResult(option) is { Implicit: false };
            if (Given(chunks) == Given(text))
            {
                result.AddError("give exactly one of --chunks FILE and --text FILE.");
            }
            else if (Given(chunks) && (Given(chunkSize) || Given(randomChunks)))
            {
                result.AddError("--chunk-size and --random-chunks cut --text; --chunks files are already cut.");
            }
            else if (Given(chunkSize) && Given(randomChunks))
            {
                result.AddError("give at most one of --chunk-size and --random-chunks.");
            }
        });
        chunkSize.CustomParser = result => WholeNumber(result, "--chunk-size", 1, int.MaxValue);
        randomChunks.CustomParser = result => WholeNumber(result, "--random-chunks", int.MinValue, int.MaxValue);
        maxDepth.CustomParser = result => WholeNumber(result, "--max-depth", 1, 1000) ?? 0;
        coalesce.CustomParser = result => WholeNumber(result, "--coalesce", 1, int.MaxValue) ?? 1;

        command.SetAction(parsed =>
        {
            var options = new EventStreamOptions
            {
                Parser = new JsonParserOptions { Tolerant = !parsed.GetValue(strict), MaxDepth = parsed.GetValue(maxDepth) },
                PatchMode = parsed.GetValue(patch) == "strict" ? PatchMode.Strict : PatchMode.Append,
                Schema = parsed.GetValue(schema) is { } schemaPath ? LoadSchema(files, schemaPath) : null,
                ViolationPolicy = parsed.GetValue(onViolation) == "continue" ? ViolationPolicy.Continue : ViolationPolicy.Abort,
            };
            var input = parsed.GetValue(chunks) ?? parsed.GetValue(text)!;
            var source = parsed.GetValue(chunks) is not null
                ? ChunkSource.FromChunksFile(files, input)
                : Cut(files, input, parsed.GetValue(chunkSize), parsed.GetValue(randomChunks));
            // From stdin the chunks may arrive as a model writes them: each chunk's events go out before the next is
            // read. A file is read as fast as it can be, and its events are written in large blocks.
            return Run(source, options, output, parsed.GetValue(coalesce), flushEachWrite: input == "-");
        });
        return command;
    }

    /// <summary>
    /// Streams <paramref name="chunks"/> through a builder, writing each chunk's events as soon as they exist, or the
    /// events of every <paramref name="chunksPerWrite"/> chunks merged (<see cref="EventCoalescer"/>); with
    /// <paramref name="flushEachWrite"/>, each write is flushed, otherwise the output is flushed when its buffer fills
    /// and at the end.
    /// </summary>
    public static int Run(IEnumerable<string> chunks, EventStreamOptions options, Stream output, int chunksPerWrite = 1, bool flushEachWrite = true)
    {
        // Not disposed: that would close the caller's stream; flushed in the finally below.
        var buffered = new BufferedStream(output, 1 << 16);
        using var builder = new EventStreamBuilder(options);
        using var writer = new NdjsonEventWriter(buffered);
        // Chunk by chunk, the writer takes the events straight from the engine; merging windows needs them as objects.
        var merging = chunksPerWrite > 1;
        var pending = new List<StreamEvent>();
        var held = new EventCoalescer();
        var chunksHeld = 0;

        void WritePending()
        {
            held.MoveTo(pending);
            chunksHeld = 0;
            foreach (var e in pending)
            {
                writer.WriteUnflushed(new SequencedEvent(writer.LastSeq + 1, e));
            }

            pending.Clear();
        }

        void FlushIfWrittenSince(long lastSeq)
        {
            if (flushEachWrite && writer.LastSeq > lastSeq)
            {
                writer.Flush();
            }
        }

        try
        {
            try
            {
                foreach (var chunk in chunks)
                {
                    var lastSeq = writer.LastSeq;
                    if (!merging)
                    {
                        builder.Append(chunk, writer);
                    }
                    else
                    {
                        builder.Append(chunk, pending);
                        if (!builder.IsFinished && held.TryTake(pending) && ++chunksHeld < chunksPerWrite)
                        {
                            continue;
                        }

                        WritePending();
                    }

                    FlushIfWrittenSince(lastSeq);
                    if (builder.IsFinished)
                    {
                        break;
                    }
                }
            }
            catch (CliInputException e) when (writer.LastSeq > 0)
            {
                // The input broke mid-stream: what was streamed stays valid, and the stream says how it ended.
                builder.Fail(new ErrorEvent("input_error", e.Message, Retryable: false), pending);
                WritePending();
                throw;
            }

            if (!builder.IsFinished)
            {
                builder.Finish(pending);
                WritePending();
            }

            return builder.Outcome == StreamOutcome.Completed ? ExitCodes.Success : ExitCodes.StreamFailed;
        }
        finally
        {
            // Also when the input broke: what was streamed is written before the error is reported.
            buffered.Flush();
        }
    }

    /// <summary>Loads a schema file; a refused schema is bad input (exit 2) with every reason on one line.</summary>
    internal static CompiledSchema LoadSchema(InputFiles files, string path)
    {
        using var reader = files.OpenText(path);
        var text = InputFiles.Reading(path, reader.ReadToEnd);
        try
        {
            return SchemaLoader.Load(text);
        }
        catch (SchemaException e)
        {
            throw new CliInputException($"schema '{path}': {e.Message}", e);
        }
    }

    private static int? WholeNumber(ArgumentResult result, string option, int min, int max)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError(max == int.MaxValue && min == int.MinValue
            ? $"{option} must be a whole number, not '{token}'."
            : max == int.MaxValue ? $"{option} must be a whole number of at least {min}, not '{token}'." : $"{option} must be a whole number from {min} to {max}, not '{token}'.");
        return null;
    }

    private static IEnumerable<string> Cut(InputFiles files, string path, int? chunkSize, int? seed) =>
        (chunkSize, seed) switch
        {
            ({ } size, _) => ChunkSource.FromTextFile(files, path, ChunkSource.FixedSizes(size)),
            (_, { } s) => ChunkSource.FromTextFile(files, path, ChunkSource.RandomSizes(s)),
            _ => ChunkSource.WholeTextFile(files, path),
        };
}
