using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using StructuredStream.Parsing;
using StructuredStream.Protocol;
using StructuredStream.Streaming;

namespace StructuredStream.Benchmarks;

/// <summary>
/// The whole stream for one report, fed in chunks of 1 to 8 characters, against System.Text.Json parsing the same
/// complete text. Per-byte and per-chunk columns make sizes comparable (see docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class EventStreamBenchmarks
{
    private readonly List<StreamEvent> _events = new(16);
    private readonly EventCounter _counter = new();
    private string _text = "";
    private byte[] _utf8 = [];
    private Range[] _chunks = [];
    private Schemas.CompiledSchema? _schema;

    [Params(20 * 1024, 200 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = ReportCorpus.Generate(Size);
        _utf8 = Encoding.UTF8.GetBytes(_text);
        _chunks = ReportCorpus.Chunk(_text);
        _schema = Schemas.SchemaLoader.Load(ReportCorpus.Schema);
        Console.WriteLine($"// corpus {Size}: {_utf8.Length} UTF-8 bytes, {_text.Length} chars, {_chunks.Length} chunks");
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse(string)")]
    public int JsonDocumentParseString()
    {
        using var document = JsonDocument.Parse(_text);
        return document.RootElement.GetArrayLengthOrZero();
    }

    [Benchmark(Description = "JsonDocument.Parse(UTF-8)")]
    public int JsonDocumentParseUtf8()
    {
        using var document = JsonDocument.Parse(_utf8);
        return document.RootElement.GetArrayLengthOrZero();
    }

    [Benchmark(Description = "parser only, 1-8 char chunks")]
    public int ParserOnly()
    {
        using var parser = new IncrementalJsonParser();
        var tokens = 0;
        foreach (var chunk in _chunks)
        {
            var position = 0;
            while (parser.Read(_text.AsSpan(chunk), ref position, out _))
            {
                tokens++;
            }
        }

        while (parser.ReadEnd(out _))
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "events as objects (parse + patches), 1-8 char chunks")]
    public int EventStream()
    {
        using var builder = new EventStreamBuilder();
        var events = 0;
        foreach (var chunk in _chunks)
        {
            builder.Append(_text.AsSpan(chunk), _events);
            events += _events.Count;
            _events.Clear(); // a consumer writes each event out and lets it go
        }

        builder.Finish(_events);
        events += _events.Count;
        _events.Clear();
        return events;
    }

    [Benchmark(Description = "events as views (parse + patches), 1-8 char chunks")]
    public long EventStreamAsViews()
    {
        // As the CLI takes them: each chunk's events handed out as views of the engine's buffers, no object per event.
        _counter.Reset();
        using var builder = new EventStreamBuilder();
        foreach (var chunk in _chunks)
        {
            builder.Append(_text.AsSpan(chunk), _counter);
        }

        builder.Finish(_counter);
        return _counter.Events + _counter.Characters;
    }

    [Benchmark(Description = "events, chunks only (no final), no schema")]
    public int ChunksWithoutSchema() => AppendChunks(new EventStreamBuilder());

    [Benchmark(Description = "events, chunks only (no final), partial validation")]
    public int ChunksWithSchema() => AppendChunks(new EventStreamBuilder(new EventStreamOptions { Schema = _schema }));

    [Benchmark(Description = "events (parse + patches), one chunk")]
    public int EventStreamWhole()
    {
        using var builder = new EventStreamBuilder();
        builder.Append(_text, _events);
        builder.Finish(_events);
        var events = _events.Count;
        _events.Clear();
        return events;
    }

    /// <summary>Every chunk's events, without the end (final validation, checksum): the per-chunk cost alone.</summary>
    private int AppendChunks(EventStreamBuilder builder)
    {
        using (builder)
        {
            var events = 0;
            foreach (var chunk in _chunks)
            {
                builder.Append(_text.AsSpan(chunk), _events);
                events += _events.Count;
                _events.Clear();
            }

            if (builder.IsFinished)
            {
                throw new InvalidOperationException("the report broke its schema: the benchmark would measure an aborted stream");
            }

            return events;
        }
    }
}

internal static class JsonElementExtensions
{
    public static int GetArrayLengthOrZero(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : element.ValueKind == JsonValueKind.Object ? 1 : 0;
}
